import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";

/** A note that mentions the agent, as their header lists it. */
export interface MentionView {
  noteId: string;
  conversationId: string;
  /** The person the conversation is with. */
  contactName: string;
  authorName: string | null;
  /** The note's start, for the list. */
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

export interface MentionsView {
  unreadCount: number;
  mentions: MentionView[];
}

const EXCERPT_CHARS = 140;

/**
 * The agent's mentions, unread first then newest, with the unread count — only in conversations they can still
 * see (a channel taken away since hides its mentions).
 */
export async function listMentions(agent: SessionAgent, limit = 30): Promise<MentionsView> {
  const scope = await channelScopeFilter(agent);
  const where = { agentId: agent.id, conversation: scope };
  const [rows, unreadCount] = await Promise.all([
    db.noteMention.findMany({
      where,
      orderBy: [{ readAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
      take: limit,
      select: {
        noteId: true,
        conversationId: true,
        createdAt: true,
        readAt: true,
        note: { select: { body: true, author: { select: { name: true } } } },
        conversation: { select: { contact: { select: { name: true, username: true, platformUserId: true } } } },
      },
    }),
    db.noteMention.count({ where: { ...where, readAt: null } }),
  ]);
  return {
    unreadCount,
    mentions: rows.map((r) => {
      const contact = r.conversation.contact;
      const body = r.note.body.replace(/\s+/g, " ").trim();
      return {
        noteId: r.noteId,
        conversationId: r.conversationId,
        contactName: contact.name ?? (contact.username ? `@${contact.username}` : contact.platformUserId),
        authorName: r.note.author?.name ?? null,
        excerpt: body.length > EXCERPT_CHARS ? `${body.slice(0, EXCERPT_CHARS - 1)}…` : body,
        createdAt: r.createdAt.toISOString(),
        readAt: r.readAt?.toISOString() ?? null,
      };
    }),
  };
}

/** Marks the agent's own mentions read — some notes' or all; others' are untouched. Audited; how many changed. */
export async function markMentionsRead(agent: SessionAgent, which: { noteIds: string[] } | { all: true }): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ note_id: string }[]>`
      UPDATE note_mentions SET read_at = now()
       WHERE agent_id = ${agent.id}::uuid AND read_at IS NULL
         AND (${"all" in which} OR note_id = ANY(${"noteIds" in which ? which.noteIds : []}::uuid[]))
      RETURNING note_id::text`;
    if (rows.length > 0) await recordAuditEvent({ accountId: agent.accountId, actorId: agent.id, type: "mentions.read", data: { noteIds: rows.map((r) => r.note_id) } }, tx);
    return rows.length;
  });
}
