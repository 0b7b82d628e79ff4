import path from "node:path";
import { freePort } from "../db/postgres";
import { ensureNextBuild } from "./next-build";
import { SERVER_SCRIPT, startChild, waitForHttp } from "./processes";
import type { generateSecrets } from "./secrets";

const ROOT = path.join(import.meta.dirname, "..", "..");

/** The command that serves the production build (scripts/serve.ts); PORT comes from the environment. */
export const APP_SERVER_ARGS = [...SERVER_SCRIPT, path.join(ROOT, "scripts", "serve.ts")];

/**
 * The production build (rebuilt only when sources changed) serving `databaseUrl` as a web-only instance
 * (WORKER_ENABLED=false: no background jobs compete with what a benchmark measures), on a free port, healthy
 * when this resolves. The child stops with `stopAllChildren()`.
 */
export function startWebOnlyApp(opts: AppServerOptions): Promise<{ baseUrl: string; app: ReturnType<typeof startChild> }> {
  return startAppServer({ ...opts, workerEnabled: false });
}

export interface AppServerOptions {
  databaseUrl: string;
  secrets: ReturnType<typeof generateSecrets>;
  logLevel: "warn" | "error";
  log: (line: string) => void;
  /** More environment (e.g. META_GRAPH_BASE_URL). */
  env?: Record<string, string>;
  /** The child's name in the process list (default "app"). */
  name?: string;
  /** Every line the server prints (it runs quiet). */
  onLine?: (line: string) => void;
}

/** The production app server on a free port, with or without its background work (WORKER_ENABLED). */
export async function startAppServer(opts: AppServerOptions & { workerEnabled: boolean }): Promise<{ baseUrl: string; app: ReturnType<typeof startChild> }> {
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.secrets,
    ...opts.env,
    DATABASE_URL: opts.databaseUrl,
    PORT: String(port),
    APP_URL: baseUrl,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    WORKER_ENABLED: String(opts.workerEnabled),
    LOG_LEVEL: opts.logLevel,
  };
  await ensureNextBuild(env, opts.log);
  const app = startChild(opts.name ?? "app", process.execPath, APP_SERVER_ARGS, { cwd: ROOT, env, quiet: true, ...(opts.onLine ? { onLine: opts.onLine } : {}) });
  void app.exited;
  await waitForHttp(`${baseUrl}/api/health`, { timeoutMs: 60_000 });
  return { baseUrl, app };
}
