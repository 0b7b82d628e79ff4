import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validations/uuid";

/** A comment of one of the agent's channels (404 otherwise — never another team's), with its channel and post. */
export async function findAgentComment(agent: SessionAgent, commentId: string) {
  if (!isUuid(commentId)) throw AppError.notFound("Comment");
  const comment = await db.comment.findFirst({
    where: { id: commentId, ...(await channelScopeFilter(agent)) },
    include: { channel: { select: { platform: true, connection: true, metaId: true, pageMetaId: true, disconnectedAt: true } }, post: { select: { metaPostId: true } } },
  });
  if (!comment || comment.channel.disconnectedAt) throw AppError.notFound("Comment");
  return comment;
}
