// Runs once when a server instance starts: background work runs in the app process unless WORKER_ENABLED=false
// (then `npm run worker` runs it in processes of its own: lib/worker/).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startBackgroundWorkIfEnabled } = await import("./lib/worker/background");
  await startBackgroundWorkIfEnabled();
}
