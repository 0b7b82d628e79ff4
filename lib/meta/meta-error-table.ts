// Meta's error codes, once (REFERENCE.md §5): what each (code, subcode) is and how a caller treats it. The
// Graph client (lib/meta/graph-error.ts: rate limits, tokens, what is worth retrying), the agent's words
// (lib/meta/error-map.ts) and the outbox (lib/send/classify-send-failure.ts) all read this table, so the
// throttle, token and window codes cannot disagree between them. Branch on code and subcode only: Meta's
// HTTP statuses and texts vary. Pure.
//
//   handling          what it means for a call                          a send is then
//   throttled         Meta refused to act (rate limit): did nothing     retried after backoff, no check needed
//   service           Meta failed (codes 1, 2): it may have acted       retried after backoff, thread read first
//   unknown_outcome   1/1357046: often follows a successful send        settled by the echo, thread read first
//   permanent         anything else: acting again changes nothing       FAILED, shown, never retried by itself

export type MetaErrorHandling = "throttled" | "service" | "unknown_outcome" | "permanent";

export type MetaErrorKey =
  | "rate_limited"
  | "tag_bothersome"
  | "meta_unavailable"
  | "meta_unconfirmed"
  | "token_invalid"
  | "missing_permission"
  | "human_agent_feature_missing"
  | "outside_window"
  | "person_unavailable"
  | "recipient_invalid"
  | "tag_retired"
  | "invalid_request"
  | "attachment_failed"
  | "thread_owned_by_other_app"
  | "page_restricted"
  | "instagram_not_eligible"
  | "multi_image_unavailable"
  | "message_deleted"
  | "private_reply_refused"
  | "unknown";

export interface MetaErrorKind {
  key: MetaErrorKey;
  handling: MetaErrorHandling;
  /** Throttling of the app, Page or account: the caller pauses that owner (not a per-person refusal). */
  rateLimit: boolean;
  /** The channel, not the message, is at fault: its token, its permissions, or a restriction by Meta. */
  channelProblem: "token" | "permissions" | "restricted" | null;
  /** A RESPONSE refused with this may go out once more as HUMAN_AGENT (REFERENCE.md §4). */
  humanAgentMayHelp: boolean;
}

/** App 4, user 17, Page (user token) 32, custom 613, Page BUC 80001, Instagram 80002, … Messenger 80006. */
export const THROTTLE_CODES = [4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006] as const;
/** Unknown error / service unavailable: Meta asks for a retry with backoff. */
export const SERVICE_CODES = [1, 2] as const;
/** Token invalid or expired (190 with 458/460/463/467…), app removed (102), token user without a Page role (492). */
export const TOKEN_CODES = [102, 190, 492] as const;
/** "An error occurred after the message was sent" (1/1357046): the outcome is unknown, the echo settles it. */
export const SEND_OUTCOME_UNKNOWN = { code: 1, subcode: 1357046 } as const;
/** Meta's "outside the allowed window" for a RESPONSE: Messenger, Instagram. */
export const OUTSIDE_WINDOW_SUBCODES = [2018278, 2534022] as const;

type Rule = { code: readonly number[] | "any"; subcode?: readonly number[]; kind: Partial<MetaErrorKind> & Pick<MetaErrorKind, "key" | "handling"> };

// First match wins: specific (code, subcode) pairs before bare codes.
const RULES: Rule[] = [
  // 613/2018338: a throttle code that means "stop", not "wait": the person found tagged messages bothersome.
  { code: THROTTLE_CODES, subcode: [2018338], kind: { key: "tag_bothersome", handling: "permanent", channelProblem: "restricted" } },
  { code: THROTTLE_CODES, kind: { key: "rate_limited", handling: "throttled", rateLimit: true } },
  { code: [SEND_OUTCOME_UNKNOWN.code], subcode: [SEND_OUTCOME_UNKNOWN.subcode], kind: { key: "meta_unconfirmed", handling: "unknown_outcome" } },
  { code: SERVICE_CODES, kind: { key: "meta_unavailable", handling: "service" } },
  { code: TOKEN_CODES, kind: { key: "token_invalid", handling: "permanent", channelProblem: "token" } },
  { code: [10], subcode: OUTSIDE_WINDOW_SUBCODES, kind: { key: "outside_window", handling: "permanent", humanAgentMayHelp: true } },
  // NON_PROMOTIONAL_SUBSCRIPTION outside its window: the same for the agent, but the tag would not help.
  { code: [10], subcode: [2018065], kind: { key: "outside_window", handling: "permanent" } },
  { code: [10, 551, 200], subcode: [2018108, 1545041], kind: { key: "person_unavailable", handling: "permanent" } },
  { code: [551], kind: { key: "person_unavailable", handling: "permanent" } },
  { code: [10, 368, 2022, 100], subcode: [1893063, 2534029], kind: { key: "page_restricted", handling: "permanent", channelProblem: "restricted" } },
  { code: [368, 2022], kind: { key: "page_restricted", handling: "permanent", channelProblem: "restricted" } },
  { code: [100], subcode: [2018001, 2534014], kind: { key: "recipient_invalid", handling: "permanent" } },
  { code: [100], subcode: [2018008, 2018047, 2018074, 2018109, 2018294], kind: { key: "attachment_failed", handling: "permanent" } },
  { code: [2018047, 2018074, 2018109, 2018294], kind: { key: "attachment_failed", handling: "permanent" } },
  // Thread ownership (Conversation Routing): the subcode alone identifies it, whatever code carries it.
  { code: "any", subcode: [2018300, 2018321, 2534037], kind: { key: "thread_owned_by_other_app", handling: "permanent" } },
  { code: [2018300, 2018321], kind: { key: "thread_owned_by_other_app", handling: "permanent" } },
  { code: [10, 100, 200], subcode: [2534077, 2534013, 2534041], kind: { key: "instagram_not_eligible", handling: "permanent", channelProblem: "permissions" } },
  { code: [36103], kind: { key: "instagram_not_eligible", handling: "permanent", channelProblem: "permissions" } },
  { code: [2534068], kind: { key: "multi_image_unavailable", handling: "permanent" } },
  { code: [9000001], kind: { key: "message_deleted", handling: "permanent" } },
  // Private replies (meta-simulator README "Choices for unverified points"): already answered (10900), not a
  // replyable activity (10902), too old or the Live ended (10903), an unknown or removed comment (100/2018292).
  { code: [10900, 10902, 10903], kind: { key: "private_reply_refused", handling: "permanent" } },
  { code: [100], subcode: [2018292], kind: { key: "private_reply_refused", handling: "permanent" } },
  // 200/2018027 and 200/2018028 (REFERENCE.md §5) need no rule: the 200–299 range below covers them.
  { code: [3, 10], kind: { key: "missing_permission", handling: "permanent", channelProblem: "permissions" } },
  { code: [100], kind: { key: "invalid_request", handling: "permanent" } },
];

// Lists hold numbers only, so an absent (null) subcode matches none of them.
const matches = (rule: readonly (number | null)[] | "any", value: number | null) => rule === "any" || rule.includes(value);

function kind(partial: Rule["kind"]): MetaErrorKind {
  return { rateLimit: false, channelProblem: null, humanAgentMayHelp: false, ...partial };
}

/** Codes 200–299: a permission the app or token lacks. */
const PERMISSION_RANGE = kind({ key: "missing_permission", handling: "permanent", channelProblem: "permissions" });
/** A code not in the table (or no code at all): permanent, never retried. */
export const UNKNOWN_META_ERROR = kind({ key: "unknown", handling: "permanent" });
const HUMAN_AGENT_FEATURE_MISSING = kind({ key: "human_agent_feature_missing", handling: "permanent", channelProblem: "permissions" });
const TAG_RETIRED = kind({ key: "tag_retired", handling: "permanent" });

export interface MetaErrorContext {
  /** The call was a send with MESSAGE_TAG + HUMAN_AGENT: a bare code 10 then means the channel lacks Meta's
   * Human Agent feature (Meta's exact answer is unverified; the simulator answers 10 without subcode). */
  humanAgentTag?: boolean;
  /** Meta's own `message`, read only where code and subcode are ambiguous (a retired tag is a bare 100). */
  metaMessage?: string | null;
}

/** What Meta's (code, subcode) is. Unknown codes are permanent: never retry what we do not understand. */
export function classifyMetaError(code: number, subcode: number | null, context: MetaErrorContext = {}): MetaErrorKind {
  if (code === 10 && subcode === null && context.humanAgentTag) return HUMAN_AGENT_FEATURE_MISSING;
  // Retired tags (CONFIRMED_EVENT_UPDATE, ACCOUNT_UPDATE, POST_PURCHASE_UPDATE since April 27 2026) answer a
  // bare code 100 like any bad parameter; only Meta's text tells them apart.
  if (code === 100 && subcode === null && context.metaMessage && /\btag\b.*\b(deprecated|retired|no longer)/i.test(context.metaMessage)) return TAG_RETIRED;
  for (const rule of RULES) {
    if (!matches(rule.code, code)) continue;
    if (rule.subcode !== undefined && !matches(rule.subcode, subcode)) continue;
    return kind(rule.kind);
  }
  if (code >= 200 && code <= 299) return PERMISSION_RANGE;
  return UNKNOWN_META_ERROR;
}
