// Graph API failures as typed errors. What a code means comes from the one error table
// (meta-error-table.ts); branch on `code` / `subcode` only: Meta's HTTP statuses and texts vary (REFERENCE.md §5).
//
// Recognised by brand, not identity: the Graph client is a process-wide singleton (lib/meta/graph.ts), and
// Next builds several server bundles (instrumentation/worker, each route) that each carry their own copy of
// these classes. An error thrown by the worker bundle's client is not an `instanceof` the route bundle's
// class, so `isGraphApiError` / `isGraphNetworkError` check a `Symbol.for` brand that every copy shares, and
// `instanceof` is made to do the same. Pure: no I/O.
import { classifyMetaError, type MetaErrorKind } from "./meta-error-table";

export interface MetaErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

// The brands' texts only have to be the same in every copy of this module, which they are whatever they say.
// Stryker disable next-line StringLiteral: equivalent — every copy shares the mutated text, so copies still recognise each other
const GRAPH_API_ERROR = Symbol.for("inbox.meta.GraphApiError");
// Stryker disable next-line StringLiteral: equivalent, as above
const GRAPH_NETWORK_ERROR = Symbol.for("inbox.meta.GraphNetworkError");

// A primitive never carries the brand (its property lookup yields undefined); only null and undefined need guarding.
const branded = (value: unknown, brand: symbol) => (value as Record<symbol, unknown> | null | undefined)?.[brand] === true;

/** A Graph API error answer, from any bundle's copy of the client. */
export function isGraphApiError(value: unknown): value is GraphApiError {
  return branded(value, GRAPH_API_ERROR);
}

/** No Graph answer at all (timeout, reset, refused), from any bundle's copy of the client. */
export function isGraphNetworkError(value: unknown): value is GraphNetworkError {
  return branded(value, GRAPH_NETWORK_ERROR);
}

export class GraphApiError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isGraphApiError(value);
  }

  readonly [GRAPH_API_ERROR] = true;
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
    // An answer without Meta's error JSON (a proxy's 502, an HTML page) is a service error when it is a 5xx.
    this.code = typeof body.code === "number" ? body.code : httpStatus >= 500 ? 1 : 100;
    this.subcode = typeof body.error_subcode === "number" ? body.error_subcode : null;
    this.type = body.type ?? null;
    this.fbtraceId = body.fbtrace_id ?? null;
    this.userTitle = body.error_user_title ?? null;
    this.userMessage = body.error_user_msg ?? null;
  }

  get kind(): MetaErrorKind {
    return classifyMetaError(this.code, this.subcode, { metaMessage: this.message });
  }

  get isRateLimit(): boolean {
    return this.kind.rateLimit;
  }

  get isTokenInvalid(): boolean {
    return this.kind.channelProblem === "token";
  }

  /** Worth retrying with backoff: throttling and Meta's service errors. Never for sends blindly. */
  get isTransient(): boolean {
    return this.kind.handling !== "permanent";
  }

  matches(code: number, subcode?: number | null): boolean {
    return this.code === code && (subcode === undefined || this.subcode === subcode);
  }
}

/** The request never produced a Graph answer: timeout, connection refused or reset. For a POST the
 * outcome is unknown — Meta may have acted on it. */
export class GraphNetworkError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isGraphNetworkError(value);
  }

  readonly [GRAPH_NETWORK_ERROR] = true;
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
  return (isGraphApiError(error) && classifyMetaError(error.code, error.subcode).handling !== "permanent") || isGraphNetworkError(error);
}

/** Reads `{"error":{…}}` from a response body; falls back to a generic shape for non-JSON failures. */
export function parseGraphError(httpStatus: number, text: string, retryAfterMs: number | null = null): GraphApiError {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  // A primitive or an array has no `error` field (the lookup yields undefined); only null needs guarding.
  const body = (parsed as { error?: unknown } | null)?.error;
  if (body && typeof body === "object") return new GraphApiError(httpStatus, body as MetaErrorBody, retryAfterMs);
  return new GraphApiError(httpStatus, { message: `Graph API answered HTTP ${httpStatus}: ${text.slice(0, 200)}` }, retryAfterMs);
}
