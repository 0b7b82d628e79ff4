import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** Deletes a saved reply. Messages sent from it keep its id (and the audit its name) for review. */
export async function deleteSavedReply({ actor, savedReplyId }: { actor: SessionAgent; savedReplyId: string }): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.savedReply.deleteMany({ where: { id: savedReplyId, accountId: actor.accountId } });
    if (count === 0) throw AppError.notFound("Saved reply");
    await recordAuditEvent({ accountId: actor.accountId, actorId: actor.id, type: "saved_reply.deleted", data: { savedReplyId } }, tx);
  });
}
