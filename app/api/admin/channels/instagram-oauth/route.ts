import { NextResponse } from "next/server";
import { withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { startInstagramOAuth } from "@/lib/channels/instagram-oauth";
import { OAUTH_NONCE_COOKIE, OAUTH_STATE_TTL_MS } from "@/lib/channels/oauth-state";

/** Starts "Connect with Instagram": a nonce cookie for this browser, then Instagram's authorization window. */
export const GET = withAgent(
  async (request, { agent }) => {
    const { url, nonce } = startInstagramOAuth(agent.id);
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
