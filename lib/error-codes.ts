// The error codes of our API, shared by the server (lib/errors.ts) and the browser (components/api-client.ts)
// so both switch on the same union, never on a string typed by hand. Pure: no zod, no logger.

export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid_request: 400,
  conflict: 409,
  /** Someone else replied in the conversation after what the agent had seen (details: ReplyCollisionDetails). */
  reply_collision: 409,
  window_closed: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  meta_error: 502,
  unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Every error answer of the API has this body. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

/** The details of a `reply_collision` (send API): who replied, when (ISO), which message. `agentName` null: a reply from another app (Meta Business Suite…). */
export interface ReplyCollisionDetails {
  agentId: string | null;
  agentName: string | null;
  repliedAt: string;
  messageId: string;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && Object.hasOwn(ERROR_STATUS, value);
}
