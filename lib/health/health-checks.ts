// The judgements of the channel health page, apart from the reads that feed them: which Meta permissions a
// channel needs, what Meta's debug_token says about its token, Meta's send failures of the last 24 hours by
// code, and what needs an admin's attention. Pure: no I/O.
import { classifyMetaError, type MetaErrorKey } from "@/lib/meta/meta-error-table";

export type HealthPlatform = "MESSENGER" | "INSTAGRAM";
export type HealthConnection = "FACEBOOK_LOGIN" | "INSTAGRAM_LOGIN";
/** Which permissions and webhook fields apply: Instagram through its Page, or through Instagram Login. */
export type HealthChannelKind = "MESSENGER" | "INSTAGRAM" | "INSTAGRAM_LOGIN";

export const healthChannelKind = (platform: HealthPlatform, connection: HealthConnection): HealthChannelKind =>
  connection === "INSTAGRAM_LOGIN" ? "INSTAGRAM_LOGIN" : platform;

/**
 * The permissions the inbox uses per channel kind (REFERENCE.md §2, Conversations API; the Send API and
 * webhook subscription need the same): a Page token for Messenger, the linked Page's token for Instagram, and
 * an Instagram User token (Instagram Login's own permission names) for an account without a Page.
 */
export const NEEDED_PERMISSIONS: Record<HealthChannelKind, readonly string[]> = {
  MESSENGER: ["pages_messaging", "pages_manage_metadata", "pages_read_engagement"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_messages", "pages_manage_metadata"],
  INSTAGRAM_LOGIN: ["instagram_business_basic", "instagram_business_manage_messages"],
};

export interface PermissionCheck {
  needed: { permission: string; granted: boolean }[];
  missing: string[];
}

/** Needed permissions against those Meta says the token holds (`scopes` of debug_token). */
export function checkPermissions(kind: HealthChannelKind, granted: readonly string[]): PermissionCheck {
  const held = new Set(granted);
  const needed = NEEDED_PERMISSIONS[kind].map((permission) => ({ permission, granted: held.has(permission) }));
  return { needed, missing: needed.filter((p) => !p.granted).map((p) => p.permission) };
}

/** `data` of Meta's `GET /debug_token?input_token=…` (the fields we read). */
export interface DebugTokenData {
  type?: string;
  is_valid?: boolean;
  /** Unix seconds; 0 = never expires (Page tokens obtained with a long-lived user token). */
  expires_at?: number;
  /** Unix seconds: when the app's data access ends unless the person uses the app again. */
  data_access_expires_at?: number;
  issued_at?: number;
  scopes?: string[];
  error?: { code?: number; subcode?: number; message?: string };
}

/** Warn this long before a token or its data access runs out. */
export const TOKEN_WARNING_DAYS = 14;

export interface TokenCheck {
  /** "PAGE", "USER", … as Meta says; null when Meta did not say. */
  kind: string | null;
  valid: boolean;
  /** null = never expires. */
  expiresAt: string | null;
  dataAccessExpiresAt: string | null;
  issuedAt: string | null;
  /** What the admin should know, if anything. */
  warning: string | null;
}

const fromUnix = (seconds: number | undefined) => (seconds && seconds > 0 ? new Date(seconds * 1000) : null);

/** What debug_token says about a channel's token, with a warning when it is invalid or about to stop working. */
export function checkToken(data: DebugTokenData, now: Date): TokenCheck {
  const expiresAt = fromUnix(data.expires_at);
  const dataAccess = fromUnix(data.data_access_expires_at);
  const soon = (at: Date | null) => at !== null && at.getTime() - now.getTime() < TOKEN_WARNING_DAYS * 86_400_000;
  const days = (at: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / 86_400_000));
  let warning: string | null = null;
  if (data.is_valid === false) warning = `Meta says this token is no longer valid${data.error?.message ? `: ${data.error.message}` : ""}. Reconnect the channel.`;
  else if (expiresAt && expiresAt <= now) warning = "The token has expired. Reconnect the channel.";
  else if (soon(expiresAt)) warning = `The token expires in ${days(expiresAt!)} day(s). Reconnect the channel before then.`;
  else if (dataAccess && dataAccess <= now) warning = "The app's data access for this token has expired. Reconnect the channel.";
  else if (soon(dataAccess)) warning = `The app's data access ends in ${days(dataAccess!)} day(s) unless an admin reconnects the channel.`;
  return {
    kind: data.type ?? null,
    valid: data.is_valid !== false,
    expiresAt: expiresAt?.toISOString() ?? null,
    dataAccessExpiresAt: dataAccess?.toISOString() ?? null,
    issuedAt: fromUnix(data.issued_at)?.toISOString() ?? null,
    warning,
  };
}

export interface SendFailureCount {
  code: number | null;
  subcode: number | null;
  /** Failed Send API calls (each attempt counts). */
  calls: number;
  /** Messages that ended FAILED with this code. */
  final: number;
}

export interface SendFailureGroup extends SendFailureCount {
  /** What the code means (lib/meta/meta-error-table.ts); "local" for failures without a Meta code. */
  key: MetaErrorKey | "local";
}

/** Send failures grouped by Meta's code and subcode, most frequent first (then most final), each named by the error table. */
export function groupSendFailures(rows: readonly SendFailureCount[]): SendFailureGroup[] {
  const groups = new Map<string, SendFailureGroup>();
  for (const row of rows) {
    const id = `${row.code}/${row.subcode}`;
    const group = groups.get(id) ?? { code: row.code, subcode: row.subcode, calls: 0, final: 0, key: row.code === null ? "local" : classifyMetaError(row.code, row.subcode).key };
    group.calls += row.calls;
    group.final += row.final;
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => b.calls - a.calls || b.final - a.final || (a.code ?? -1) - (b.code ?? -1) || (a.subcode ?? -1) - (b.subcode ?? -1));
}

/**
 * graph.instagram.com has no debug_token: for an Instagram Login channel the page states what we recorded when
 * the token was obtained (its 60-day expiry, the permissions the code exchange granted), once `GET /me`
 * has shown the token still works.
 */
export function instagramLoginTokenData(recorded: { obtainedAt: Date | null; expiresAt: Date | null; grantedScopes: readonly string[] }): DebugTokenData {
  const unix = (at: Date | null) => (at ? Math.floor(at.getTime() / 1000) : undefined);
  return { type: "INSTAGRAM_USER", is_valid: true, expires_at: unix(recorded.expiresAt), issued_at: unix(recorded.obtainedAt), scopes: [...recorded.grantedScopes] };
}
