// The inbox's configuration, validated in one place. Pure (no `server-only`) so that the launcher
// (scripts/run.ts) can check the environment before it starts anything; app code reads it through
// lib/env.ts.
import { z } from "zod";
import { DEFAULT_GRAPH_API_VERSION } from "@/lib/meta/graph-api-versions";

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

const required = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema);

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: required(z.string().url("DATABASE_URL must be a postgresql:// URL")),
  /** Query connections per process (the pg pool under Prisma). */
  DATABASE_POOL_SIZE: z.preprocess(blankToUndefined, z.coerce.number().int("DATABASE_POOL_SIZE is a whole number").min(1).max(500).default(10)),
  /**
   * Where the LISTEN connections go (job and webhook wake-ups, realtime events), when DATABASE_URL points at a
   * pooler that does not keep sessions (PgBouncer in transaction mode): Postgres directly, or a session pool.
   */
  DATABASE_LISTEN_URL: z.preprocess(blankToUndefined, z.string().regex(/^postgres(ql)?:\/\/\S+$/, "DATABASE_LISTEN_URL must be a postgresql:// URL").optional()),
  /** Signs next-auth session cookies. 32+ random characters. */
  AUTH_SECRET: required(z.string().min(32, "AUTH_SECRET must be at least 32 characters")),
  /** AES-256-GCM key for Page tokens at rest: 32 bytes, base64. */
  TOKEN_ENCRYPTION_KEY: required(
    z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "TOKEN_ENCRYPTION_KEY must be 32 bytes, base64-encoded"),
  ),
  /** Public URL of this app: OAuth redirects, webhook callback and attachment URLs Meta fetches. */
  APP_URL: z.preprocess(blankToUndefined, z.string().url().default("http://localhost:3000")),
  META_GRAPH_BASE_URL: z.preprocess(blankToUndefined, z.string().url().default("https://graph.facebook.com")),
  /** Graph API version of every call (graph.facebook.com and graph.instagram.com); lib/meta/graph-api-versions.ts. */
  META_GRAPH_VERSION: z.preprocess(
    blankToUndefined,
    z.string().regex(/^v\d+\.\d+$/, "META_GRAPH_VERSION looks like v26.0").default(DEFAULT_GRAPH_API_VERSION),
  ),
  /** Facebook Login dialog base (www.facebook.com in production, the simulator locally). */
  META_OAUTH_DIALOG_URL: z.preprocess(blankToUndefined, z.string().url().default("https://www.facebook.com")),
  /** Instagram Login hosts: www.instagram.com (authorization window), api.instagram.com (code exchange), graph.instagram.com. */
  META_INSTAGRAM_OAUTH_URL: z.preprocess(blankToUndefined, z.string().url().default("https://www.instagram.com")),
  META_INSTAGRAM_API_URL: z.preprocess(blankToUndefined, z.string().url().default("https://api.instagram.com")),
  META_INSTAGRAM_GRAPH_BASE_URL: z.preprocess(blankToUndefined, z.string().url().default("https://graph.instagram.com")),
  /** The Instagram app's id and secret (App Dashboard → Instagram → API setup with Instagram login); default: the Meta app's. */
  META_INSTAGRAM_APP_ID: z.preprocess(blankToUndefined, z.string().regex(/^\d+$/, "META_INSTAGRAM_APP_ID is numeric").optional()),
  META_INSTAGRAM_APP_SECRET: z.preprocess(blankToUndefined, z.string().min(16, "META_INSTAGRAM_APP_SECRET is the Instagram app's secret").optional()),
  META_APP_ID: required(z.string().regex(/^\d+$/, "META_APP_ID is the numeric id of the Meta app")),
  /** Verifies X-Hub-Signature-256 of webhooks and signs appsecret_proof. */
  META_APP_SECRET: required(z.string().min(16, "META_APP_SECRET is the Meta app's secret")),
  /** The token Meta echoes in the webhook verification GET. */
  META_VERIFY_TOKEN: required(z.string().min(8, "META_VERIFY_TOKEN must be at least 8 characters")),
  /** Run background jobs (webhook processing, sync, sends) in this process. */
  WORKER_ENABLED: z.preprocess(blankToUndefined, z.enum(["true", "false"]).default("true")).transform((v) => v === "true"),
  /**
   * Webhook batches this process applies at once while a burst drains (one Postgres backend each; a single
   * batch keeps one core busy). 1 when the database has one core for us, more where it has several.
   */
  WEBHOOK_PROCESSING_CONCURRENCY: z.preprocess(blankToUndefined, z.coerce.number().int("WEBHOOK_PROCESSING_CONCURRENCY is a whole number").min(1).max(16).default(2)),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(["debug", "info", "warn", "error"]).default("info")),
  /** Reverse proxies / load balancers in front of the app whose X-Forwarded-For entries are trusted (client address for sign-in throttling). */
  TRUSTED_PROXY_COUNT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
});

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`Invalid configuration (see README, "Configuration"):\n${lines.join("\n")}`);
  }
  return result.data;
}

