// A real session for route-handler tests: a row of `sessions` and the cookie next-auth would have set for
// it (its own encode, the app's secret), so requests go through the same checks as a browser's.
import { encode } from "next-auth/jwt";
import { openSession } from "@/lib/auth/browser-sessions";
import { SESSION_ABSOLUTE_MAX_MS } from "@/lib/auth/session-policy";
import { env } from "@/lib/env";

export const SESSION_COOKIE = "authjs.session-token";

export async function sessionCookie(agent: { id: string; sessionVersion: number }, options: { ip?: string } = {}): Promise<{ cookie: string; sessionId: string }> {
  const sessionId = await openSession({ agentId: agent.id, ipAddress: options.ip ?? "127.0.0.1", userAgent: "test" });
  const token = await encode({
    token: { sessionId, agentId: agent.id, sessionVersion: agent.sessionVersion },
    secret: env().AUTH_SECRET,
    salt: SESSION_COOKIE,
    maxAge: SESSION_ABSOLUTE_MAX_MS / 1000,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, sessionId };
}
