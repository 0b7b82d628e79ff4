/** Only same-site paths are accepted as a post-login destination (no open redirects). */
export function safeCallbackPath(value: string | undefined | null, fallback = "/inbox"): string {
  if (!value) return fallback;
  try {
    const url = new URL(value, "http://inbox.invalid");
    if (url.origin !== "http://inbox.invalid" || !url.pathname.startsWith("/") || url.pathname.startsWith("//")) return fallback;
    if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return fallback;
    return url.pathname + url.search;
  } catch {
    return fallback;
  }
}
