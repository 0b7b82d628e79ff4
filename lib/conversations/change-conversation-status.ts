import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { requestCsatSurvey } from "@/lib/csat/request-csat-survey";
import { AppError } from "@/lib/errors";
import { SNOOZE_MAX_DAYS, type ConversationStatusChange } from "@/lib/validations/conversations";
import { requireId } from "./conversation-id";
import type { ConversationStatus } from "./conversation-view";
import { runConversationCommand } from "./run-conversation-command";

/** A snooze must end at least this far ahead: anything sooner would reopen before the agent looks away. */
export const SNOOZE_MIN_AHEAD_MS = 60_000;

/**
 * Resolves, reopens or snoozes a conversation the actor may see. Audited as `conversation.status_changed`
 * and published in the same transaction; a change to the state it already has is a no-op (no audit, no event).
 * Snoozed conversations come back to their folders at `snoozedUntil` (wakeSnoozedConversations) or on the
 * person's next message (reopenOnInbound).
 */
export async function changeConversationStatus({
  actor,
  conversationId,
  change,
  now = new Date(),
}: {
  actor: SessionAgent;
  conversationId: string;
  change: ConversationStatusChange;
  now?: Date;
}): Promise<{ status: ConversationStatus; snoozedUntil: string | null }> {
  requireId(conversationId);
  const snoozedUntil = change.status === "SNOOZED" ? change.snoozedUntil : null;
  if (snoozedUntil) {
    if (snoozedUntil.getTime() < now.getTime() + SNOOZE_MIN_AHEAD_MS) {
      throw AppError.invalid("Choose a time in the future to snooze until.", { field: "snoozedUntil" });
    }
    if (snoozedUntil.getTime() > now.getTime() + SNOOZE_MAX_DAYS * 86_400_000) {
      throw AppError.invalid(`Snooze for at most ${SNOOZE_MAX_DAYS} days.`, { field: "snoozedUntil" });
    }
  }
  return runConversationCommand({ actor, conversationId }, async (tx, current) => {
    const unchanged = current.status === change.status && (current.snoozedUntil?.getTime() ?? null) === (snoozedUntil?.getTime() ?? null);
    if (unchanged) return { changed: false, result: { status: current.status, snoozedUntil: current.snoozedUntil?.toISOString() ?? null } };
    await tx.conversation.update({
      where: { id: conversationId },
      data: { status: change.status, snoozedUntil, resolvedAt: change.status === "RESOLVED" ? now : null },
    });
    // Resolving may ask the person for a rating (lib/csat: off, asked recently, blocked or queued).
    if (change.status === "RESOLVED") await requestCsatSurvey(tx, { accountId: actor.accountId, conversationId, actorId: actor.id, now });
    return {
      changed: true,
      result: { status: change.status, snoozedUntil: snoozedUntil?.toISOString() ?? null },
      audit: { type: "conversation.status_changed", data: { from: current.status, to: change.status, snoozedUntil: snoozedUntil?.toISOString() ?? null } },
    };
  });
}
