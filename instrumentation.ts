// Runs once when a server instance starts: background jobs live in the app process (no extra service).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWork } = await import("./lib/jobs/background");
  await startBackgroundWork();
}
