// Graph API failures as typed errors. Branch on `code` / `subcode` only: Meta's HTTP statuses and message
// texts vary (REFERENCE.md §5). Pure: no I/O.

export interface MetaErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** App, user, Page, custom, Page-BUC, Instagram and Messenger throttles (REFERENCE.md §6). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006]);
/** Unknown / service errors that Meta asks clients to retry with backoff. */
const SERVICE_CODES = new Set([1, 2]);
/** Token invalid, expired, app removed, or the token's user lost its Page role. */
const TOKEN_CODES = new Set([102, 190, 492]);

export class GraphApiError extends Error {
  override name = "GraphApiError";
  readonly code: number;
  readonly subcode: number | null;
  readonly type: string | null;
  readonly fbtraceId: string | null;
  readonly userTitle: string | null;
  readonly userMessage: string | null;

  constructor(
    readonly httpStatus: number,
    readonly body: MetaErrorBody,
    /** How long Meta asked us to stay away, from `estimated_time_to_regain_access`. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(body.message ?? `Graph API error (HTTP ${httpStatus})`);
    this.code = typeof body.code === "number" ? body.code : httpStatus >= 500 ? 1 : 100;
    this.subcode = typeof body.error_subcode === "number" ? body.error_subcode : null;
    this.type = body.type ?? null;
    this.fbtraceId = body.fbtrace_id ?? null;
    this.userTitle = body.error_user_title ?? null;
    this.userMessage = body.error_user_msg ?? null;
  }

  get isRateLimit(): boolean {
    return RATE_LIMIT_CODES.has(this.code);
  }

  get isTokenInvalid(): boolean {
    return TOKEN_CODES.has(this.code);
  }

  /** Worth retrying with backoff: throttling, Meta's service errors and 5xx. Never for sends blindly. */
  get isTransient(): boolean {
    return this.isRateLimit || SERVICE_CODES.has(this.code) || this.httpStatus >= 500;
  }

  matches(code: number, subcode?: number | null): boolean {
    return this.code === code && (subcode === undefined || this.subcode === subcode);
  }
}

/** The request never produced a Graph answer: timeout, connection refused or reset. For a POST the
 * outcome is unknown — Meta may have acted on it. */
export class GraphNetworkError extends Error {
  override name = "GraphNetworkError";
  readonly isTransient = true;
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isTransientGraphError(error: unknown): boolean {
  return (error instanceof GraphApiError && error.isTransient) || error instanceof GraphNetworkError;
}

/** Reads `{"error":{…}}` from a response body; falls back to a generic shape for non-JSON failures. */
export function parseGraphError(httpStatus: number, text: string, retryAfterMs: number | null = null): GraphApiError {
  try {
    const parsed = JSON.parse(text) as { error?: MetaErrorBody };
    if (parsed && typeof parsed === "object" && parsed.error && typeof parsed.error === "object") {
      return new GraphApiError(httpStatus, parsed.error, retryAfterMs);
    }
  } catch {
    /* not JSON */
  }
  return new GraphApiError(httpStatus, { message: `Graph API answered HTTP ${httpStatus}: ${text.slice(0, 200)}` }, retryAfterMs);
}
