// Programmatic entry point: run the Meta Graph API simulator in-process (tests, benchmarks, scripts).
//
//   const sim = await startSimulator({ dataset: "demo", app: { id, secret, verifyToken, callbackUrl } });
//   fetch(`${sim.url}/v24.0/me/accounts?access_token=${sim.userToken}`) … ; await sim.close();
//
// App code never imports this: it talks to the simulator through META_GRAPH_BASE_URL only.

import { existsSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { ClockState } from "./src/clock";
import type { AppConfig, DeepPartial, SimulatorConfig } from "./src/config";
import { saveState } from "./src/control";
import type { DatasetSpec, GenericSizes } from "./src/datasets";
import { createSimServer } from "./src/server";
import { Simulator, type PersistedState } from "./src/simulator";

export { Simulator } from "./src/simulator";
export type { SimulatorConfig, AppConfig } from "./src/config";
export type { DatasetSpec, GenericSizes } from "./src/datasets";
export { DEFAULT_CONFIG } from "./src/config";
export { PAGE_INBOX_APP_ID } from "./src/datasets";
export { metaStringify } from "./src/meta-json";
export { signBody } from "./src/webhooks";

export interface StartOptions {
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Base URL used in paging links and attachment URLs (default: http://host:port). */
  publicUrl?: string;
  dataset?: "demo" | "generic" | "empty" | DatasetSpec;
  seed?: number | string;
  /** Sizes for the generic dataset. */
  sizes?: Partial<GenericSizes>;
  /** Simulated "now" the dataset ages are measured from. */
  anchor?: number;
  app?: Partial<AppConfig>;
  config?: DeepPartial<SimulatorConfig>;
  clock?: Partial<ClockState>;
  /** Load from / save to this JSON file (autosave + on close). */
  stateFile?: string | null;
  autosaveMs?: number;
  /** Verification GET against the callback at start (default false). */
  verifyOnStart?: boolean;
  logger?: (line: string) => void;
  /** Monotonic milliseconds that refill the rate-limit buckets (default `performance.now`). */
  rateLimitClock?: () => number;
}

export interface RunningSimulator {
  /** Base URL, e.g. http://127.0.0.1:53211 — use as META_GRAPH_BASE_URL and META_OAUTH_DIALOG_URL. */
  url: string;
  port: number;
  sim: Simulator;
  /** The simulated Facebook user's token (`/me/accounts`). */
  readonly userToken: string;
  /** Current Page token of a Page (or of an IG account's linked Page). */
  pageToken(channelId: string): string;
  /** JSON call to the control API; throws on non-2xx. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  save(): Promise<void>;
  close(): Promise<void>;
}

function datasetSpec(o: StartOptions): DatasetSpec {
  const d = o.dataset ?? "demo";
  if (typeof d === "object") return d;
  if (d === "demo") return { name: "demo", ...(o.seed !== undefined ? { seed: o.seed } : {}) };
  if (d === "empty") return { name: "empty", ...(o.seed !== undefined ? { seed: o.seed } : {}) };
  return { name: "generic", ...(o.seed !== undefined ? { seed: o.seed } : {}), ...(o.sizes ? { sizes: o.sizes } : {}) };
}

export async function startSimulator(options: StartOptions = {}): Promise<RunningSimulator> {
  const config: DeepPartial<SimulatorConfig> = { ...(options.config ?? {}) };
  if (options.app) config.app = { ...(config.app ?? {}), ...options.app };
  if (options.publicUrl) config.publicUrl = options.publicUrl;
  const stateFile = options.stateFile ?? null;
  const restoring = stateFile !== null && existsSync(stateFile);
  const sim = new Simulator({
    config,
    dataset: restoring ? { name: "empty" } : datasetSpec(options),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.anchor !== undefined ? { anchor: options.anchor } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.rateLimitClock ? { rateLimitClock: options.rateLimitClock } : {}),
  });
  if (restoring && stateFile) {
    sim.importState(JSON.parse(readFileSync(stateFile, "utf8")) as PersistedState);
    // Explicit options win over what the state file remembered.
    if (options.app || options.publicUrl || options.config) sim.updateConfig(config);
    sim.log(`restored state from ${stateFile}`);
  }
  const { server, close: closeServer } = createSimServer(sim, { stateFile });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  sim.listeningUrl = url;

  let savedRevision = restoring ? sim.revision : -1;
  const save = async () => {
    if (!stateFile || sim.revision === savedRevision) return;
    const rev = sim.revision;
    await saveState(sim, stateFile);
    savedRevision = rev;
  };
  const autosave = stateFile
    ? setInterval(() => {
        save().catch((e: unknown) => sim.log(`autosave failed: ${String(e)}`));
      }, options.autosaveMs ?? 2000)
    : null;
  autosave?.unref();

  if (options.verifyOnStart && sim.config.app.callbackUrl) {
    void sim.webhooks.verify().then((r) => sim.log(r?.ok ? `webhook callback verified: ${r.url}` : `webhook verification failed: ${r?.error ?? "?"} (will retry when a Page subscribes)`));
  }

  let closed = false;
  return {
    url,
    port,
    sim,
    get userToken() {
      return sim.userToken;
    },
    pageToken(channelId: string) {
      const ch = sim.channelById(channelId);
      if (!ch) throw new Error(`no channel ${channelId}`);
      return sim.pageTokenFor(ch.page);
    },
    async control<T>(method: string, path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${url}/__control${path.startsWith("/") ? path : `/${path}`}`, {
        method,
        ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
      });
      const json = (await res.json()) as T & { error?: { message: string } };
      if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${json.error?.message ?? ""}`);
      return json;
    },
    save,
    async close() {
      if (closed) return;
      closed = true;
      if (autosave) clearInterval(autosave);
      sim.close();
      await closeServer();
      if (stateFile) await save().catch((e: unknown) => sim.log(`final save failed: ${String(e)}`));
    },
  };
}
