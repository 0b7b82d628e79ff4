import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { messageViewSelect, toMessageView } from "@/lib/messages/message-view";
import { decideWindow, type WindowStage } from "@/lib/policy/window-policy";
import { sql, windowLapsesSql } from "@/lib/reports/report-sql";
import { assertReviewer } from "./assert-reviewer";
import { buildTimeline, type LapseRow, type TimelineEntry } from "./build-timeline";

export interface ReviewThread {
  conversation: {
    id: string;
    status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";
    contactName: string;
    channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM"; humanAgentEnabled: boolean };
    assignee: { id: string; name: string } | null;
    lastInboundAt: string | null;
    /** Where the window stands now for a human reply (what the inbox would allow). */
    windowStage: WindowStage;
    windowDeadline: string | null;
  };
  entries: TimelineEntry[];
}

/** Everything that happened in one conversation of the account, for a manager. Read-only. */
export async function getReviewThread({ agent, conversationId, now }: { agent: SessionAgent; conversationId: string; now: Date }): Promise<ReviewThread> {
  assertReviewer(agent);
  const where = { id: conversationId, accountId: agent.accountId };
  const conversation = await db.conversation.findFirst({
    where,
    select: {
      id: true,
      status: true,
      lastInboundAt: true,
      lastInboundKind: true,
      channel: { select: { id: true, name: true, platform: true, humanAgentEnabled: true } },
      contact: { select: { name: true, username: true } },
      assignee: { select: { id: true, name: true } },
    },
  });
  if (!conversation) throw AppError.notFound("Conversation");
  const scope = { conversationId, accountId: agent.accountId };
  const [messages, audit, notes, lapses, agents] = await Promise.all([
    db.message.findMany({ where: scope, select: messageViewSelect, orderBy: [{ sentAt: "asc" }, { id: "asc" }] }),
    db.auditEvent.findMany({ where: scope, select: { id: true, type: true, data: true, actorId: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.note.findMany({ where: scope, select: { id: true, body: true, authorId: true, createdAt: true }, orderBy: { createdAt: "asc" } }),
    db.$queryRaw<{ opener_id: string; opened_at: Date; deadline: Date; window: "24h" | "7d" }[]>(
      windowLapsesSql({ accountId: agent.accountId, now, where: sql`AND o.conversation_id = ${conversationId}::uuid` }),
    ),
    db.agent.findMany({ where: { accountId: agent.accountId }, select: { id: true, name: true } }),
  ]);
  const contactName = conversation.contact.name ?? conversation.contact.username ?? "Unknown person";
  const window = decideWindow({
    platform: conversation.channel.platform,
    lastInboundAt: conversation.lastInboundAt,
    lastInboundKind: conversation.lastInboundKind,
    now,
    sender: "HUMAN",
    humanAgentEnabled: conversation.channel.humanAgentEnabled,
  });
  return {
    conversation: {
      id: conversation.id,
      status: conversation.status,
      contactName,
      channel: conversation.channel,
      assignee: conversation.assignee,
      lastInboundAt: conversation.lastInboundAt?.toISOString() ?? null,
      windowStage: window.stage,
      windowDeadline: window.deadline?.toISOString() ?? null,
    },
    entries: buildTimeline({
      contactName,
      messages: messages.map((m) => toMessageView(m)),
      audit,
      notes,
      lapses: lapses.map((l): LapseRow => ({ openerId: l.opener_id, openedAt: l.opened_at, deadline: l.deadline, window: l.window })),
      agentNames: new Map(agents.map((a) => [a.id, a.name])),
    }),
  };
}
