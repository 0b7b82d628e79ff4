// First line of defence only: requests without a session cookie go to /login (pages) or get 401 JSON
// (API). Whether the session is valid — signature, agent still active, same session version, role — is
// decided by lib/auth/session.ts in every page and route handler.
import { NextResponse, type NextRequest } from "next/server";

const PUBLIC_PATHS = [/^\/login$/, /^\/api\/auth\//, /^\/api\/health$/, /^\/api\/webhooks\//, /^\/api\/uploads\//];
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const REQUEST_PATH_HEADER = "x-inbox-request-path";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (PUBLIC_PATHS.some((p) => p.test(pathname))) return NextResponse.next();
  const hasSession = request.cookies.getAll().some((c) => SESSION_COOKIE.test(c.name));
  if (hasSession) {
    // Layouts are not told the URL; pages that find the session stale redirect back here after sign-in.
    const headers = new Headers(request.headers);
    headers.set(REQUEST_PATH_HEADER, pathname + search);
    return NextResponse.next({ request: { headers } });
  }
  if (pathname.startsWith("/api/")) {
    return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in to continue." } }, { status: 401 });
  }
  const login = new URL("/login", request.url);
  if (pathname !== "/") login.searchParams.set("callbackUrl", pathname + search);
  return NextResponse.redirect(login);
}

export const config = {
  // Uploads bypass the proxy: a request the proxy sees has its body buffered, cut off at 10 MB, and
  // attachments may be 25 MB. POST /api/uploads checks the session itself (withAgent); the files behind
  // /api/uploads/* are public at signed URLs.
  matcher: ["/((?!_next/static|_next/image|api/uploads(?:/|$)|favicon.ico|icon.svg|.*\\.(?:png|jpg|svg|webp|css|js|woff2?)$).*)"],
};
