// Every call the browser makes to our API goes through apiFetch. Errors arrive in one shape (lib/errors.ts)
// with a code from the union both sides share (lib/error-codes.ts) and are thrown as ApiError, so
// components switch on `error.code`, show `error.message` and field errors. A request that never reached
// the server is an ApiError with status 0 and code "network".
import { isErrorCode, type ErrorBody, type ErrorCode } from "@/lib/error-codes";

export type ApiErrorCode = ErrorCode | "network";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  /** First message for a form field, from a 400's details.fields or a 409's details.field. */
  fieldError(field: string): string | undefined {
    const fields = this.details?.fields as Record<string, string[]> | undefined;
    if (fields?.[field]?.[0]) return fields[field][0];
    return this.details?.field === field ? this.message : undefined;
  }
}

export interface ApiFetchInit extends RequestInit {
  /** Sent as the JSON body. */
  json?: unknown;
}

/** The parsed JSON answer of a 2xx; throws ApiError otherwise. A 401 also sends the browser to sign in. */
export async function apiFetch<T>(path: string, init: ApiFetchInit = {}): Promise<T> {
  return (await apiFetchResponse<T>(path, init)).body;
}

/** apiFetch, with the status of the answer (201 created vs 200 replayed…). */
export async function apiFetchResponse<T>(path: string, init: ApiFetchInit = {}): Promise<{ status: number; body: T }> {
  const { json, headers, ...rest } = init;
  let response: Response;
  try {
    response = await fetch(path, {
      ...rest,
      headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), accept: "application/json", ...headers },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", "No connection to the server.");
  }
  const body = (await response.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
  if (!response.ok) {
    if (response.status === 401 && typeof window !== "undefined") {
      // A lost session must drop all client state, so this is a full navigation on purpose.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    const error = body?.error;
    throw new ApiError(response.status, isErrorCode(error?.code) ? error.code : "internal", error?.message ?? `Request failed (${response.status})`, error?.details);
  }
  return { status: response.status, body: body as T };
}
