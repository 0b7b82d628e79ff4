// Checks every API request passes before a handler runs (lib/api/handler.ts). Pure.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cookie-authenticated writes must come from our own pages: browsers always send Origin on cross-site
 * POST/PUT/PATCH/DELETE, and a JSON body cannot be sent cross-site without a CORS preflight we never answer.
 * `Origin: null` (sandboxed frames, cross-site redirects, file: pages) and unparseable origins are foreign.
 * A write without Origin comes from a non-browser client, which carries no ambient cookie it did not mean to.
 */
export function isCrossSiteWrite(request: { method: string; origin: string | null; ownOrigin: string; host: string | null }): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const { origin } = request;
  if (origin === null) return false;
  if (origin === request.ownOrigin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return true;
  }
  return url.origin === "null" || url.host !== request.host;
}

/** Route parameters that name one of our records: `id` and anything ending in `Id` (messageId, noteId…). */
export function isIdParam(name: string): boolean {
  return name === "id" || name.endsWith("Id");
}

/** The path of the first string (value or key) containing U+0000 in a parsed JSON value, or null. */
export function findNulCharacter(value: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_" : null;
  if (depth > 64 || value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "")].join(".");
    const found = findNulCharacter(item, [...path, key], depth + 1);
    if (found !== null) return found;
  }
  return null;
}
