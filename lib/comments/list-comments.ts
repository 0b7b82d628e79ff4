import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { commentView, type CommentView } from "./comment-view";

export const COMMENTS_PAGE_SIZE = 50;

/**
 * People's comments of the agent's channels, newest first (the inbox groups consecutive ones by post, so the
 * post with the newest activity comes first), keyset-paged by (Meta time, id). `open`: not resolved, not removed.
 */
export async function listComments({ agent, status, channelId, cursor, now = new Date() }: { agent: SessionAgent; status: "open" | "resolved"; channelId?: string; cursor?: string; now?: Date }): Promise<{ comments: CommentView[]; nextCursor: string | null }> {
  const scope = await channelScopeFilter(agent);
  if (channelId && scope.channelId && !scope.channelId.in.includes(channelId)) return { comments: [], nextCursor: null };
  const after = cursor ? readCursor(cursor) : null;
  const where: Prisma.CommentWhereInput = {
    ...scope,
    ...(channelId ? { channelId } : {}),
    byPage: false,
    deletedAt: null,
    metaCommentId: { not: null },
    status: status === "open" ? "OPEN" : "RESOLVED",
    channel: { disconnectedAt: null },
    ...(after ? { OR: [{ metaCreatedAt: { lt: after.at } }, { metaCreatedAt: after.at, id: { lt: after.id } }] } : {}),
  };
  const rows = await db.comment.findMany({
    where,
    orderBy: [{ metaCreatedAt: "desc" }, { id: "desc" }],
    take: COMMENTS_PAGE_SIZE + 1,
    include: {
      channel: { select: { id: true, name: true, platform: true } },
      post: { select: { id: true, metaPostId: true, permalink: true, caption: true, pictureUrl: true, adId: true, adTitle: true } },
      privateReply: { select: { id: true, sendStatus: true, sentAt: true, conversationId: true, agent: { select: { name: true } } } },
    },
  });
  const page = rows.slice(0, COMMENTS_PAGE_SIZE);
  const metaIds = page.map((r) => r.metaCommentId!);
  const replies = await db.comment.findMany({
    where: { accountId: agent.accountId, byPage: true, deletedAt: null, parentMetaId: { in: metaIds }, channelId: { in: [...new Set(page.map((r) => r.channelId))] } },
    orderBy: [{ metaCreatedAt: "asc" }, { id: "asc" }],
    select: { id: true, text: true, metaCreatedAt: true, sendStatus: true, errorMessage: true, parentMetaId: true, channelId: true, agent: { select: { name: true } } },
  });
  const comments = page.map((row) =>
    commentView.comment(row, replies.filter((r) => r.parentMetaId === row.metaCommentId && r.channelId === row.channelId), now),
  );
  const last = page.at(-1);
  return { comments, nextCursor: rows.length > COMMENTS_PAGE_SIZE && last ? writeCursor(last.metaCreatedAt, last.id) : null };
}

function writeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");
}

function readCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw AppError.invalid("The cursor is not valid.", { fields: { cursor: ["Not a cursor of this list."] } });
  return { at: date, id };
}
