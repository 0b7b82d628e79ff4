import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { signInSchema } from "@/lib/validations/auth";
import { openSession, signedInFromBefore } from "./browser-sessions";
import { decoyHash, verifyPassword } from "./password";
import { admitSignInAttempt, settleSuccessfulAttempt } from "./sign-in-attempts";

export type SignInResult =
  | { ok: true; agent: { id: string; name: string; email: string; sessionVersion: number }; sessionId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * One sign-in with email and password, from `ip`: throttled (lib/auth/sign-in-throttle.ts), then checked;
 * success opens a server-side session. The credentials provider of lib/auth/auth.ts calls this.
 */
export async function authorizeSignIn(input: { email: unknown; password: unknown; ip: string; userAgent: string | null; now?: Date }): Promise<SignInResult> {
  const parsed = signInSchema.safeParse({ email: input.email, password: input.password });
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const keys = { email, ip: input.ip };
  const gate = await admitSignInAttempt(keys, { trustedAddress: await signedInFromBefore(email, input.ip, input.now), now: input.now });
  if (!gate.allowed) {
    logger.info("sign-in refused", { email, ip: input.ip, reason: "throttled", retryAfterMs: gate.retryAfterMs });
    return { ok: false, reason: "throttled", retryAfterMs: gate.retryAfterMs };
  }
  const agent = await db.agent.findUnique({ where: { email }, omit: { passwordHash: false } });
  // Unknown emails still pay for one scrypt, so response time does not reveal who has an account.
  const valid = await verifyPassword(password, agent?.passwordHash ?? (await decoyHash()));
  if (!agent || !valid || !agent.active) {
    logger.info("sign-in refused", { email, ip: input.ip, reason: !agent ? "unknown email" : !valid ? "wrong password" : "inactive" });
    return { ok: false, reason: "invalid" };
  }
  await settleSuccessfulAttempt(keys);
  const sessionId = await openSession({ agentId: agent.id, ipAddress: input.ip, userAgent: input.userAgent, now: input.now });
  await db.agent.update({ where: { id: agent.id }, data: { lastSeenAt: new Date() } });
  return { ok: true, agent: { id: agent.id, name: agent.name, email: agent.email, sessionVersion: agent.sessionVersion }, sessionId };
}
