import "server-only";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { publishRealtime } from "@/lib/realtime/publish";
import { findAgentComment } from "./find-agent-comment";

/** Resolves or reopens a comment (audited, published). Setting the status it has is a no-op. */
export async function changeCommentStatus({ agent, commentId, status }: { agent: SessionAgent; commentId: string; status: "open" | "resolved" }): Promise<{ status: "OPEN" | "RESOLVED" }> {
  const comment = await findAgentComment(agent, commentId);
  const to = status === "open" ? "OPEN" : "RESOLVED";
  if (comment.status === to) return { status: to };
  await db.$transaction(async (tx) => {
    await tx.comment.update({ where: { id: comment.id }, data: to === "RESOLVED" ? { status: to, resolvedAt: new Date(), resolvedById: agent.id } : { status: to, resolvedAt: null, resolvedById: null } });
    await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "comment.status_changed", data: { commentId: comment.id, from: comment.status, to } }, tx);
    await publishRealtime([{ type: "comment.upserted", accountId: agent.accountId, channelId: comment.channelId, commentId: comment.id }], tx);
  });
  return { status: to };
}
