// Browser-side JSON calls to our API. Errors arrive in one shape (lib/errors.ts) and are thrown as
// ApiError so components can show the message and field errors.
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
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

export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  const response = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), accept: "application/json", ...headers },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code: string; message: string; details?: Record<string, unknown> } })
    | null;
  if (!response.ok) {
    if (response.status === 401 && typeof window !== "undefined") {
      // A lost session must drop all client state, so this is a full navigation on purpose.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    throw new ApiError(response.status, body?.error?.code ?? "internal", body?.error?.message ?? `Request failed (${response.status})`, body?.error?.details);
  }
  return body as T;
}
