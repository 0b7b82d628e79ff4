import { NextResponse, type NextRequest } from "next/server";
import { ADMINS, requireAgent } from "@/lib/auth/session";
import { isConnectErrorCode, type ConnectErrorCode } from "@/lib/channels/connect-errors";
import { finishInstagramOAuth } from "@/lib/channels/instagram-oauth";
import { OAUTH_NONCE_COOKIE } from "@/lib/channels/oauth-state";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export const dynamic = "force-dynamic";

/** Instagram's window returns here (`redirect_uri`); the admin lands back on Channels with the outcome. */
export async function GET(request: NextRequest) {
  const back = new URL("/admin/channels", request.nextUrl.origin);
  try {
    const admin = await requireAgent(ADMINS, request);
    await finishInstagramOAuth({ admin, query: request.nextUrl.searchParams, nonce: request.cookies.get(OAUTH_NONCE_COOKIE)?.value });
    back.searchParams.set("connected", "1");
  } catch (error) {
    if (!(error instanceof AppError)) logger.error("Instagram Login callback failed", { error });
    back.searchParams.set("error", connectErrorCodeOf(error));
  }
  const response = NextResponse.redirect(back, 303);
  response.cookies.delete({ name: OAUTH_NONCE_COOKIE, path: "/admin/channels" });
  return response;
}

function connectErrorCodeOf(error: unknown): ConnectErrorCode {
  if (!(error instanceof AppError)) return "failed";
  const code = error.details?.connectError;
  if (isConnectErrorCode(code)) return code;
  return error.code === "unauthenticated" || error.code === "forbidden" ? "not_admin" : "failed";
}
