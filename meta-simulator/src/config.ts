// Simulator configuration: Meta's values by default, everything overridable (CLI flags, startSimulator
// options, PATCH /__control/config).

export interface AppConfig {
  /** Numeric app id; sent as a JSON number in echoes (must stay below 2^53). */
  id: string;
  secret: string;
  verifyToken: string;
  /** Webhook callback URL; null = webhooks are recorded as undeliverable. */
  callbackUrl: string | null;
  /** "Require App Secret": every Graph call must carry appsecret_proof. */
  requireAppsecretProof: boolean;
  /** Allowed OAuth redirect URIs (prefix match); empty = any. */
  redirectUris: string[];
  name: string;
}

export interface LimitsConfig {
  /** Conversations API calls per second per Page / IG account (token bucket, capacity = rate). */
  conversationsPerSecond: number | null;
  /** Send API text/links/reactions/sender actions per second per Page / IG account. */
  sendPerSecond: number | null;
  /** Send API audio/video per second per Page / IG account. */
  sendMediaPerSecond: number | null;
  /** Other Page-token reads (profiles, Page node, subscribed_apps…) per second per Page; null = unlimited. */
  pagesPerSecond: number | null;
  /** A request is admitted when the bucket holds ≥ 1 − rate × graceMs / 1000 tokens. */
  graceMs: number;
  /** Tokens taken from the bucket by a rejected call (Meta: "calling on lengthens the block"). */
  rejectedCallCost: number;
  /** Max `limit` on /conversations (larger values are capped silently). */
  maxConversationsPageSize: number;
  defaultConversationsPageSize: number;
  /** Max `limit` on message lists (`messages.limit(N)`, /{conversation}/messages). */
  maxMessagesPageSize: number;
  defaultMessagesPageSize: number;
  /** How many items past the start of a list an `after` cursor may point (null = unlimited). */
  maxCursorDepth: number | null;
  maxBatchSize: number;
  /** Only the N most recent messages of a conversation return details. */
  messageDetailLimit: number;
  /** Apply the detail limit to Messenger too (Instagram: always). */
  detailLimitMessenger: boolean;
  /** Budget behind X-App-Usage call_count: calls per rolling hour that make 100 %. */
  appCallsPerHour: number;
  /** Max quick replies per message (REFERENCE §3). */
  maxQuickReplies: number;
}

export interface WebhookConfig {
  /** Events are collected this long and posted together (grouped by object and entry id). */
  batchWindowMs: number;
  maxEventsPerPost: number;
  /** A POST not answered within this time counts as failed. */
  timeoutMs: number;
  maxAttempts: number;
  initialRetryDelayMs: number;
  retryFactor: number;
  maxRetryDelayMs: number;
  /** POSTs in flight at once (1 keeps the normal order). */
  concurrency: number;
  /** Also send the legacy `X-Hub-Signature: sha1=…`. */
  legacySha1: boolean;
  /** Messenger: the person's device acknowledges each Page message with a `delivery` event. */
  autoDelivery: boolean;
  autoDeliveryDelayMs: number;
  /** Instagram echoes carry `app_id` and `metadata` like Messenger's (unverified for Instagram; see README). */
  instagramEchoAppId: boolean;
  /** Verification GET when the callback is configured and when a Page subscribes. */
  verifyOnSubscribe: boolean;
  /** Kept delivery-log entries. */
  logLimit: number;
}

export interface GraphFaultRates {
  /** Share of calls answered 500 / code 2 (nothing performed). */
  serverError: number;
  /** Share of calls that are performed but never answered (socket held, then destroyed). */
  timeout: number;
  /** Share of calls answered with the endpoint's rate-limit error (nothing performed). */
  rateLimit: number;
  /** Share of Send API calls that succeed and then answer 1/1357046. */
  errorAfterSend: number;
  /** Which calls the rates apply to. */
  scope: "send" | "all";
}

export interface WebhookFaultRates {
  drop: number;
  duplicate: number;
  reorder: number;
  /** How long a reordered batch waits for the next one before it goes anyway (default: 5 batch windows, ≥ 50 ms). */
  reorderHoldMs?: number;
}

export interface FaultConfig {
  seed: number | string;
  graph: GraphFaultRates;
  webhooks: WebhookFaultRates;
  /** How long a "timeout" fault holds the socket before destroying it. */
  timeoutHoldMs: number;
}

export interface SimulatorConfig {
  app: AppConfig;
  limits: LimitsConfig;
  webhooks: WebhookConfig;
  faults: FaultConfig;
  /** Base URL used in paging links and attachment URLs (default: the listening address). */
  publicUrl: string | null;
  /** Graph version advertised in `facebook-api-version` and used in generated links without one. */
  defaultVersion: string;
}

export const DEFAULT_CONFIG: SimulatorConfig = {
  app: {
    id: "1234567890123456",
    secret: "simulator-app-secret-change-me",
    verifyToken: "simulator-verify-token",
    callbackUrl: null,
    requireAppsecretProof: false,
    redirectUris: [],
    name: "Support Inbox",
  },
  limits: {
    conversationsPerSecond: 2,
    sendPerSecond: 300,
    sendMediaPerSecond: 10,
    pagesPerSecond: null,
    graceMs: 50,
    rejectedCallCost: 0,
    maxConversationsPageSize: 25,
    defaultConversationsPageSize: 25,
    maxMessagesPageSize: 25,
    defaultMessagesPageSize: 25,
    maxCursorDepth: null,
    maxBatchSize: 50,
    messageDetailLimit: 20,
    detailLimitMessenger: true,
    appCallsPerHour: 200_000,
    maxQuickReplies: 11,
  },
  webhooks: {
    batchWindowMs: 10,
    maxEventsPerPost: 1000,
    timeoutMs: 5000,
    maxAttempts: 12,
    initialRetryDelayMs: 1000,
    retryFactor: 2,
    maxRetryDelayMs: 60_000,
    concurrency: 1,
    legacySha1: true,
    autoDelivery: true,
    autoDeliveryDelayMs: 300,
    instagramEchoAppId: true,
    verifyOnSubscribe: true,
    logLimit: 5000,
  },
  faults: {
    seed: 1,
    graph: { serverError: 0, timeout: 0, rateLimit: 0, errorAfterSend: 0, scope: "send" },
    webhooks: { drop: 0, duplicate: 0, reorder: 0 },
    timeoutHoldMs: 120_000,
  },
  publicUrl: null,
  defaultVersion: "v24.0",
};

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export function mergeConfig<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return structuredClone(base);
  const out = structuredClone(base) as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === undefined) continue;
    const cur = out[k];
    if (v !== null && typeof v === "object" && !Array.isArray(v) && cur !== null && typeof cur === "object" && !Array.isArray(cur)) {
      out[k] = mergeConfig(cur, v as DeepPartial<typeof cur>);
    } else out[k] = v;
  }
  return out as T;
}

export function validateConfig(c: SimulatorConfig): void {
  if (!/^\d+$/.test(c.app.id)) throw new Error("app.id must be numeric");
  if (BigInt(c.app.id) >= 2n ** 53n) throw new Error("app.id must be below 2^53 (it is sent as a JSON number)");
  if (!c.app.secret) throw new Error("app.secret is required");
}
