import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { signInSchema } from "@/lib/validations/auth";
import { decoyHash, verifyPassword } from "./password";

declare module "next-auth" {
  interface Session {
    agentId?: string;
    sessionVersion?: number;
  }
  interface User {
    sessionVersion?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    agentId?: string;
    sessionVersion?: number;
  }
}

/** Sessions are JWTs (no session table). They carry the agent id and the agent's session version; every
 * request re-reads the agent (lib/auth/session.ts), so deactivation or a role change applies at once. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // A refused sign-in is an expected outcome (logged above without a stack), not an error.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      logger.error("auth error", { error });
    },
    warn(code) {
      logger.warn("auth warning", { code });
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const agent = await db.agent.findUnique({ where: { email }, omit: { passwordHash: false } });
        // Unknown emails still pay for one scrypt, so response time does not reveal who has an account.
        const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash()));
        if (!agent || !valid || !agent.active) {
          logger.info("sign-in refused", { email, reason: !agent ? "unknown email" : !valid ? "wrong password" : "inactive" });
          return null;
        }
        await db.agent.update({ where: { id: agent.id }, data: { lastSeenAt: new Date() } });
        return { id: agent.id, name: agent.name, email: agent.email, sessionVersion: agent.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.agentId = user.id;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, agentId: token.agentId, sessionVersion: token.sessionVersion };
    },
  },
}));
