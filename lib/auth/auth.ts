import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { authorizeSignIn } from "./authorize-sign-in";
import { revokeSession } from "./browser-sessions";
import { requestClientIp } from "./client-ip";
import { SESSION_ABSOLUTE_MAX_MS } from "./session-policy";

declare module "next-auth" {
  interface Session {
    agentId?: string;
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    agentId?: string;
    sessionVersion?: number;
    sessionId?: string;
  }
}

const CLIENT_ERRORS = new Set(["UnknownAction", "MissingCSRF", "InvalidCheck", "UntrustedHost"]);

/** The cookie lives as long as the session may (its absolute maximum); sign-out and the idle timeout end it on the server earlier. */
export const SESSION_MAX_AGE_SECONDS = SESSION_ABSOLUTE_MAX_MS / 1000;

/** Refused by sign-in throttling: the login form shows how long to wait; the redirect of the API carries `code=throttled`. */
export class SignInThrottled extends CredentialsSignin {
  override code = "throttled";
  constructor(readonly retryAfterMs: number) {
    super();
  }
}

/**
 * Sessions are JWTs naming a row of `sessions` (lib/auth/browser-sessions.ts). They carry the session id,
 * the agent id and the agent's session version; every request re-reads both (lib/auth/session.ts), so
 * sign-out, the idle timeout, deactivation or a role change apply at once.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A refused sign-in (logged by authorizeSignIn) and a request for an action that does not exist are
    // the client's doing, not errors of ours.
    error(error) {
      const type = (error as { type?: string }).type ?? error.name;
      if (type === "CredentialsSignin") return;
      if (CLIENT_ERRORS.has(type)) return logger.info("auth request refused", { type, message: error.message });
      logger.error("auth error", { error });
    },
    warn(code) {
      logger.warn("auth warning", { code });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const result = await authorizeSignIn({
          email: raw?.email,
          password: raw?.password,
          ip: requestClientIp(request.headers),
          userAgent: request.headers.get("user-agent"),
        });
        if (result.ok) return { ...result.agent, sessionId: result.sessionId };
        if (result.reason === "throttled") throw new SignInThrottled(result.retryAfterMs);
        return null;
      },
    }),
  ],
  events: {
    async signOut(message) {
      const sessionId = "token" in message ? message.token?.sessionId : undefined;
      if (sessionId) await revokeSession(sessionId);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.agentId = user.id;
        token.sessionVersion = user.sessionVersion;
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, agentId: token.agentId, sessionVersion: token.sessionVersion };
    },
  },
}));
