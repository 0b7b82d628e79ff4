import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import { afterSuccess, decideAttempt, THROTTLE_SCOPES, type ThrottleRow, type ThrottleRows, type ThrottleScope } from "./sign-in-throttle";

// The stored side of sign-in throttling (rules in ./sign-in-throttle.ts): the three rows of an attempt are
// locked in one transaction, in a fixed order, so concurrent attempts on several app instances count one by
// one and never deadlock.

export interface AttemptKeys {
  email: string;
  ip: string;
}

const keyOf = (scope: ThrottleScope, { email, ip }: AttemptKeys) => (scope === "account_ip" ? `${email} ${ip}` : scope === "account" ? email : ip);

type Row = { scope: ThrottleScope; failures: number; window_started_at: Date; last_attempt_at: Date; locked_until: Date | null };

async function lockRows(tx: Prisma.TransactionClient, keys: AttemptKeys, now: Date): Promise<ThrottleRows> {
  const pairs = THROTTLE_SCOPES.map((scope) => Prisma.sql`(${scope}, ${keyOf(scope, keys)})`);
  await tx.$executeRaw`
    INSERT INTO sign_in_throttles (scope, key, failures, window_started_at, last_attempt_at)
    SELECT v.scope, v.key, 0, ${now}, ${now} FROM (VALUES ${Prisma.join(pairs)}) AS v(scope, key)
    ON CONFLICT (scope, key) DO NOTHING`;
  const rows = await tx.$queryRaw<Row[]>`
    SELECT scope, failures, window_started_at, last_attempt_at, locked_until FROM sign_in_throttles
     WHERE (scope, key) IN (${Prisma.join(pairs)})
     ORDER BY scope, key FOR UPDATE`;
  const byScope = new Map(rows.map((r) => [r.scope, r]));
  return Object.fromEntries(
    THROTTLE_SCOPES.map((scope) => {
      const r = byScope.get(scope);
      // A row created just now has no history yet.
      const row: ThrottleRow | null = r && (r.failures > 0 || r.locked_until) ? { failures: r.failures, windowStartedAt: r.window_started_at, lastAttemptAt: r.last_attempt_at, lockedUntil: r.locked_until } : null;
      return [scope, row];
    }),
  ) as ThrottleRows;
}

async function saveRow(tx: Prisma.TransactionClient, scope: ThrottleScope, keys: AttemptKeys, row: ThrottleRow) {
  await tx.$executeRaw`
    UPDATE sign_in_throttles SET failures = ${row.failures}, window_started_at = ${row.windowStartedAt}, last_attempt_at = ${row.lastAttemptAt}, locked_until = ${row.lockedUntil}
     WHERE scope = ${scope} AND key = ${keyOf(scope, keys)}`;
}

/**
 * Admits or refuses one attempt before the password is checked; an admitted attempt is counted as failed
 * until settleSuccessfulAttempt says otherwise. A lock that this attempt starts is audited on the account
 * of the email (when there is one) and logged.
 */
export async function admitSignInAttempt(keys: AttemptKeys, { trustedAddress, now = new Date() }: { trustedAddress: boolean; now?: Date }): Promise<{ allowed: boolean; retryAfterMs: number }> {
  const decision = await db.$transaction(async (tx) => {
    const rows = await lockRows(tx, keys, now);
    const decided = decideAttempt(rows, now, { trustedAddress });
    if (decided.allowed) for (const scope of THROTTLE_SCOPES) await saveRow(tx, scope, keys, decided.next[scope]);
    return decided;
  });
  if (decision.lockedNow.length > 0) await recordLock(keys, decision.lockedNow, decision.next);
  if (Math.random() < 0.02) void pruneThrottles(now).catch((error) => logger.warn("sign-in throttle prune failed", { error }));
  return { allowed: decision.allowed, retryAfterMs: decision.retryAfterMs };
}

/** The attempt signed in: it was no failure, and the email + address key starts over. */
export async function settleSuccessfulAttempt(keys: AttemptKeys): Promise<void> {
  await db.$transaction(async (tx) => {
    const rows = await lockRows(tx, keys, new Date());
    await tx.$executeRaw`DELETE FROM sign_in_throttles WHERE scope = 'account_ip' AND key = ${keyOf("account_ip", keys)}`;
    for (const scope of ["account", "ip"] as const) {
      const row = rows[scope];
      if (row) await saveRow(tx, scope, keys, afterSuccess(row));
    }
  });
}

async function recordLock(keys: AttemptKeys, scopes: ThrottleScope[], rows: Record<ThrottleScope, ThrottleRow>) {
  logger.warn("sign-in throttled", { email: keys.email, ip: keys.ip, scopes, failures: Object.fromEntries(scopes.map((s) => [s, rows[s].failures])) });
  const agent = await db.agent.findUnique({ where: { email: keys.email }, select: { id: true, accountId: true } });
  if (!agent) return;
  for (const scope of scopes) {
    await recordAuditEvent({
      accountId: agent.accountId,
      actorId: null,
      type: "auth.sign_in_throttled",
      data: { agentId: agent.id, email: keys.email, ip: keys.ip, scope, failures: rows[scope].failures, lockedUntil: rows[scope].lockedUntil!.toISOString() },
    });
  }
}

/** Rows without an attempt for a day tell nothing any more. */
async function pruneThrottles(now: Date) {
  await db.$executeRaw`DELETE FROM sign_in_throttles WHERE last_attempt_at < ${new Date(now.getTime() - 86_400_000)}`;
}
