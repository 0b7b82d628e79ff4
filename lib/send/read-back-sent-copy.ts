import "server-only";
import { db } from "@/lib/db";
import { conversationsGraph } from "@/lib/meta/graph";
import { fetchRecentMessagesWith } from "@/lib/meta/fetch-recent-messages-with";
import { findSentCopy } from "./find-sent-copy";
import { attachmentsOf, type OutboxRow } from "./outbox-row";

/**
 * Reads the person's thread back at Meta (paced like every Conversations API read) and returns the copy of
 * this outbox message that reached them, if one did. Throws the Graph error when Meta cannot be read.
 */
export async function readBackSentCopy(row: OutboxRow, token: string, options: { since: Date; timeoutMs: number }): Promise<{ mid: string; sentAt: Date } | null> {
  const messages = await fetchRecentMessagesWith(conversationsGraph(row.connection), {
    pageId: row.page_meta_id,
    platform: row.platform === "INSTAGRAM" ? "instagram" : "messenger",
    userId: row.recipient_id,
    token,
    owner: row.meta_id,
    timeoutMs: options.timeoutMs,
  });
  if (messages.length === 0) return null;
  const known = await db.message.findMany({
    where: { channelId: row.channel_id, mid: { in: messages.map((m) => m.id) } },
    select: { mid: true },
  });
  return findSentCopy(messages, {
    channelMetaId: row.meta_id,
    text: row.text,
    attachmentCount: attachmentsOf(row).length,
    since: options.since,
    knownMids: new Set(known.map((m) => m.mid!)),
  });
}
