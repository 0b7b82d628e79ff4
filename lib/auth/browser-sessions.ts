import "server-only";
import { db } from "@/lib/db";
import { isUuid } from "@/lib/validations/uuid";
import { sessionExpiry } from "./session-policy";
import { SIGN_IN_LIMITS } from "./sign-in-throttle";

/** Opens the session a new sign-in gets; its id goes into the session cookie. */
export async function openSession({ agentId, ipAddress, userAgent, now = new Date() }: { agentId: string; ipAddress: string; userAgent: string | null; now?: Date }): Promise<string> {
  const session = await db.session.create({
    data: { agentId, createdAt: now, lastSeenAt: now, expiresAt: sessionExpiry(now), ipAddress, userAgent: userAgent?.slice(0, 300) ?? null },
    select: { id: true },
  });
  // Sessions long over are kept as long as sign-in throttling looks back at them, then deleted.
  await db.session.deleteMany({ where: { agentId, expiresAt: { lt: new Date(now.getTime() - SIGN_IN_LIMITS.trustedAddressDays * 86_400_000) } } });
  return session.id;
}

/** Sign-out: the session ends on the server, so a copy of its cookie is refused from now on. */
export async function revokeSession(sessionId: string, now = new Date()): Promise<void> {
  if (!isUuid(sessionId)) return;
  await db.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/** Whether the agent with this email signed in from this address within the trusted period. */
export async function signedInFromBefore(email: string, ipAddress: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.trustedAddressDays * 86_400_000);
  return (await db.session.count({ where: { ipAddress, createdAt: { gte: since }, agent: { email } } })) > 0;
}
