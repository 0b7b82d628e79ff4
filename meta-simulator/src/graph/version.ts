const VERSION_RE = /^v\d+\.\d+$/;

/** Splits "/v24.0/me/messages" into version and path (any `vNN.N` prefix, or none). */
export function splitVersion(pathname: string): { version: string | null; path: string } {
  const parts = pathname.split("/").filter((p) => p !== "");
  if (parts[0] && VERSION_RE.test(parts[0])) return { version: parts[0], path: "/" + parts.slice(1).join("/") };
  return { version: null, path: "/" + parts.join("/") };
}
