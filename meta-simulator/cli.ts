// CLI: npm run simulator -- --port 4010 --dataset demo --app-id … --app-secret … --verify-token … \
//        --webhook-url http://localhost:3000/api/webhooks/meta --state-file .data/simulator.json

import { parseArgs } from "node:util";
import { startSimulator, type StartOptions } from "./index";
import type { DeepPartial, SimulatorConfig } from "./src/config";

const HELP = `Meta Graph API simulator

Usage: npm run simulator -- [options]

  --port <n>                 listen port (default 4010; 0 = any)
  --host <addr>              listen address (default 127.0.0.1)
  --public-url <url>         base URL put in paging links / attachment URLs (default http://host:port)
  --dataset <name>           demo | generic | empty (default demo)
  --seed <seed>              dataset seed (default: "demo" for demo, 1 otherwise)
  --conversations <n>        generic: total conversations (default 5000)
  --pages <n>                generic/empty: Messenger Pages (default 2 / 1)
  --instagram <n>            generic/empty: Instagram accounts linked to the first Pages (default 1 / 0)
  --messages <min-max>       generic: messages per conversation (default 1-30)
  --app-id <id>              numeric app id (default 1234567890123456)
  --app-secret <secret>      app secret: signs webhooks, checks appsecret_proof
  --verify-token <token>     webhook verify token
  --webhook-url <url>        callback URL for webhooks
  --require-appsecret-proof  every Graph call must carry appsecret_proof
  --redirect-uri <prefix>    allowed OAuth redirect URI prefix (repeatable; default: any)
  --state-file <path>        load at start (if present), autosave, save on exit
  --max-page-size <n>        max limit on /conversations (default 25)
  --conversations-rate <n>   Conversations API calls/s per Page or IG account (default 2; 0 = unlimited)
  --send-rate <n>            Send API calls/s per Page or IG account (default 300; 0 = unlimited)
  --no-messenger-detail-limit  only Instagram enforces the 20-most-recent-messages rule
  --quiet                    no request log lines
  -h, --help
`;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "public-url": { type: "string" },
    dataset: { type: "string" },
    seed: { type: "string" },
    conversations: { type: "string" },
    pages: { type: "string" },
    instagram: { type: "string" },
    messages: { type: "string" },
    "app-id": { type: "string" },
    "app-secret": { type: "string" },
    "verify-token": { type: "string" },
    "webhook-url": { type: "string" },
    "require-appsecret-proof": { type: "boolean" },
    "redirect-uri": { type: "string", multiple: true },
    "state-file": { type: "string" },
    "max-page-size": { type: "string" },
    "conversations-rate": { type: "string" },
    "send-rate": { type: "string" },
    "no-messenger-detail-limit": { type: "boolean" },
    quiet: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
  strict: true,
});

if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

const int = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer\n`);
    process.exit(2);
  }
  return n;
};

const dataset = (values.dataset ?? "demo") as StartOptions["dataset"];
if (!["demo", "generic", "empty"].includes(String(dataset))) {
  process.stderr.write(`--dataset must be demo, generic or empty\n`);
  process.exit(2);
}
const sizes: Record<string, unknown> = {};
const conversations = int("conversations", values.conversations);
if (conversations !== undefined) sizes.conversations = conversations;
const pages = int("pages", values.pages);
if (pages !== undefined) sizes.pages = pages;
const instagram = int("instagram", values.instagram);
if (instagram !== undefined) sizes.instagramAccounts = instagram;
if (values.messages) {
  const m = /^(\d+)-(\d+)$/.exec(values.messages);
  if (!m) {
    process.stderr.write(`--messages looks like 1-30\n`);
    process.exit(2);
  }
  sizes.messagesPerConversation = { min: Number(m[1]), max: Number(m[2]) };
}

const app: Record<string, unknown> = {};
if (values["app-id"]) app.id = values["app-id"];
if (values["app-secret"]) app.secret = values["app-secret"];
if (values["verify-token"]) app.verifyToken = values["verify-token"];
if (values["webhook-url"]) app.callbackUrl = values["webhook-url"];
if (values["require-appsecret-proof"]) app.requireAppsecretProof = true;
if (values["redirect-uri"]) app.redirectUris = values["redirect-uri"];

const limits: Record<string, unknown> = {};
const maxPage = int("max-page-size", values["max-page-size"]);
if (maxPage !== undefined) limits.maxConversationsPageSize = Math.max(1, maxPage);
const convRate = int("conversations-rate", values["conversations-rate"]);
if (convRate !== undefined) limits.conversationsPerSecond = convRate === 0 ? null : convRate;
const sendRate = int("send-rate", values["send-rate"]);
if (sendRate !== undefined) limits.sendPerSecond = sendRate === 0 ? null : sendRate;
if (values["no-messenger-detail-limit"]) limits.detailLimitMessenger = false;

const config: DeepPartial<SimulatorConfig> = { ...(Object.keys(limits).length ? { limits } : {}) };
const quiet = values.quiet === true;
const log = (line: string) => process.stdout.write(`[simulator] ${line}\n`);

const running = await startSimulator({
  port: int("port", values.port) ?? 4010,
  host: values.host ?? "127.0.0.1",
  ...(values["public-url"] ? { publicUrl: values["public-url"] } : {}),
  dataset,
  ...(values.seed !== undefined ? { seed: values.seed } : {}),
  ...(Object.keys(sizes).length ? { sizes } : {}),
  ...(dataset === "empty" ? { dataset: { name: "empty", ...(values.seed !== undefined ? { seed: values.seed } : {}), sizes: { pages: pages ?? 1, instagramAccounts: instagram ?? 0 } } } : {}),
  ...(Object.keys(app).length ? { app } : {}),
  config,
  stateFile: values["state-file"] ?? null,
  verifyOnStart: true,
  logger: log,
});

const { sim, url } = running;
if (!quiet) {
  let last = 0;
  setInterval(() => {
    const fresh = sim.requestLog.filter((r) => r.id > last);
    for (const r of fresh.slice(-50)) log(`${r.method} ${r.path} → ${r.status}${r.errorCode !== null ? ` (#${r.errorCode}${r.errorSubcode !== null ? `/${r.errorSubcode}` : ""})` : ""}`);
    const lastEntry = fresh[fresh.length - 1];
    if (lastEntry) last = lastEntry.id;
  }, 500).unref();
}

const v = sim.config.defaultVersion;
const lines = [
  `Meta Graph API simulator listening on ${url}`,
  `  Graph API        ${sim.baseUrl()}/${v}/…   (META_GRAPH_BASE_URL=${sim.baseUrl()})`,
  `  OAuth dialog     ${sim.baseUrl()}/${v}/dialog/oauth   (META_OAUTH_DIALOG_URL=${sim.baseUrl()})`,
  `  Instagram Login  ${sim.baseUrl()}/ig-www/oauth/authorize · ${sim.baseUrl()}/ig-api · ${sim.baseUrl()}/ig-graph   (META_INSTAGRAM_OAUTH_URL, _API_URL, _GRAPH_BASE_URL)`,
  `  Customer page    ${url}/customer`,
  `  Control API      ${url}/__control   (summary: ${url}/__control/summary)`,
  `  Dataset          ${JSON.stringify(sim.dataset.spec)} — ${sim.world.conversations.size} conversations`,
  `  App              id ${sim.config.app.id}, webhooks → ${sim.config.app.callbackUrl ?? "(no callback URL)"}`,
  `  User token       ${sim.userToken}`,
  ...[...sim.world.pages.values()].filter((p) => !p.hidden).map((p) => `  Page ${p.name} (${p.id}${p.igAccountId ? `, IG ${p.igAccountId}` : ""}${p.humanAgent ? "" : ", no Human Agent"}) token ${sim.pageTokenFor(p)}`),
  values["state-file"] ? `  State file       ${values["state-file"]}` : `  State            in memory (use --state-file to keep it across restarts)`,
  `Ctrl-C stops (and saves the state file).`,
];
process.stdout.write(lines.join("\n") + "\n");

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  running
    .close()
    .then(() => {
      log("stopped" + (values["state-file"] ? `, state saved to ${values["state-file"]}` : ""));
      process.exit(0);
    })
    .catch((e: unknown) => {
      process.stderr.write(`error while stopping: ${String(e)}\n`);
      process.exit(1);
    });
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
