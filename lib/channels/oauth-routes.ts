import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { withAgent } from "@/lib/api/handler";
import { ADMINS, requireAgent, type SessionAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { isConnectErrorCode, type ConnectErrorCode } from "./connect-errors";
import { OAUTH_NONCE_COOKIE, OAUTH_STATE_TTL_MS } from "./oauth-state";

// The two connect flows (Facebook Login for Pages, Instagram Login for accounts without a Page) share their
// browser half: a nonce cookie scoped to /admin/channels on the way out, and a redirect back to Channels with
// a count or a known error code on the way in. Only the dialog and the code exchange differ.

/** `GET` that sends an admin to a login dialog, with the state's nonce in an HttpOnly cookie of this browser. */
export function oauthStartRoute(start: (agentId: string) => { url: string; nonce: string }) {
  return withAgent(
    async (request, { agent }) => {
      const { url, nonce } = start(agent.id);
      const response = NextResponse.redirect(url, 303);
      response.cookies.set(OAUTH_NONCE_COOKIE, nonce, {
        httpOnly: true,
        sameSite: "lax",
        secure: request.nextUrl.protocol === "https:",
        path: "/admin/channels",
        maxAge: OAUTH_STATE_TTL_MS / 1000,
      });
      return response;
    },
    { roles: ADMINS },
  );
}

type FinishOAuth = (input: { admin: SessionAgent; query: URLSearchParams; nonce: string | undefined }) => Promise<number>;

/** `GET` the dialog returns to (`redirect_uri`): the admin lands back on Channels with the outcome. */
export function oauthCallbackRoute(flow: string, finish: FinishOAuth) {
  return async function GET(request: NextRequest) {
    const back = new URL("/admin/channels", request.nextUrl.origin);
    try {
      const admin = await requireAgent(ADMINS, request);
      const connected = await finish({ admin, query: request.nextUrl.searchParams, nonce: request.cookies.get(OAUTH_NONCE_COOKIE)?.value });
      back.searchParams.set("connected", String(connected));
    } catch (error) {
      if (!(error instanceof AppError)) logger.error(`${flow} callback failed`, { error });
      // A code, never a text: the page shows the message of known codes only (lib/channels/connect-errors.ts).
      back.searchParams.set("error", connectErrorCodeOf(error));
    }
    const response = NextResponse.redirect(back, 303);
    response.cookies.delete({ name: OAUTH_NONCE_COOKIE, path: "/admin/channels" });
    return response;
  };
}

function connectErrorCodeOf(error: unknown): ConnectErrorCode {
  if (!(error instanceof AppError)) return "failed";
  const code = error.details?.connectError;
  if (isConnectErrorCode(code)) return code;
  return error.code === "unauthenticated" || error.code === "forbidden" ? "not_admin" : "failed";
}
