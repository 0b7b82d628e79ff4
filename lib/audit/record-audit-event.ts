import "server-only";
import { db, type SqlClient } from "@/lib/db";

/** The inputs and outcome of one window-policy evaluation at send time (lib/policy/window-policy.ts). */
export type SendDecisionAudit = {
  inputs: {
    platform: "MESSENGER" | "INSTAGRAM";
    lastInboundAt: string | null;
    lastInboundKind: string | null;
    now: string;
    sender: "HUMAN" | "AUTOMATION";
    humanAgentEnabled: boolean;
  };
  decision: {
    allowed: boolean;
    reason: string;
    stage: "STANDARD" | "HUMAN_AGENT" | "CLOSED";
    messagingType: string | null;
    tag: string | null;
    deadline: string | null;
    hoursSinceInbound: number | null;
  };
};

/** The saved reply an agent inserted before sending, and whether the sent text differs from it as rendered. */
export type SavedReplyUse = { id: string; name: string; shortcut: string; edited: boolean };
/** What sent a message without a person deciding it (always with the policy's AUTOMATION sender). */
export type Automation = "csat" | "out_of_hours_reply";

/**
 * Every audit event type and the data it carries. Reports and the review timeline read these shapes, so
 * they only ever grow.
 */
export type AuditEventData = {
  "agent.created": { agentId: string; email: string; role: string; channelIds: string[] };
  "agent.updated": { agentId: string; changes: Record<string, string | boolean> };
  "agent.channels_set": { agentId: string; channelIds: string[] };
  /** Sign-in attempts for this agent's email made someone wait (lib/auth/sign-in-throttle.ts). */
  "auth.sign_in_throttled": { agentId: string; email: string; ip: string; scope: string; failures: number; lockedUntil: string };
  /** `connection` since Instagram Login; `previousConnection` when the same account switched login. */
  "channel.connected": { channelId: string; platform: string; metaId: string; name: string; connection?: string; previousConnection?: string };
  /** An Instagram Login token was renewed (by the periodic job or an admin's request). */
  "channel.token_refreshed": { channelId: string; expiresAt: string; trigger: "schedule" | "admin" };
  /** Renewing an Instagram Login token failed; `needsReconnect` once the channel's card asks for a reconnect. */
  "channel.token_refresh_failed": { channelId: string; code: number | null; subcode: number | null; error: string; expiresAt: string | null; needsReconnect: boolean; trigger: "schedule" | "admin" };
  "channel.token_invalid": { channelId: string; code: number | null; subcode: number | null; fbtraceId: string | null };
  "channel.disconnected": { channelId: string };
  /** Meta refused a HUMAN_AGENT send with a bare code 10: the channel lacks the Human Agent feature. */
  "channel.human_agent_revoked": { channelId: string; messageId: string; code: number; subcode: number | null; fbtraceId: string | null };
  "channel.human_agent_set": { channelId: string; enabled: boolean };
  /** `reason` "reply": the actor's reply to an unassigned conversation assigned it to them; `auto`: assigned by the channel's automatic assignment (no actor). */
  "conversation.assigned": { from: string | null; to: string | null; reason?: "reply"; auto?: "ROUND_ROBIN" | "LEAST_OPEN" };
  /** Meta refused a send because it restricted the Page or business (lib/channels/channel-restriction.ts). */
  "channel.restricted": { channelId: string; messageId: string; code: number; subcode: number | null; fbtraceId: string | null };
  /** A send went through on a channel marked restricted: Meta lifted the restriction. */
  "channel.restriction_lifted": { channelId: string; messageId: string };
  /** Admins were notified (lib/notifications/notify-admins.ts): who, and whether it repeated an unread notice. */
  "admin.notified": { kind: string; channelId: string | null; notificationIds: string[]; repeated: number; created: number };
  /** An admin marked notifications read. */
  "admin.notifications_read": { notificationIds: string[] };
  "agent.availability_set": { agentId: string; status: "ONLINE" | "AWAY" | "OFFLINE" };
  "channel.assignment_set": { channelId: string; mode: "OFF" | "ROUND_ROBIN" | "LEAST_OPEN"; capacity: number | null };
  /** An admin changed the satisfaction survey on resolve (lib/csat). */
  "csat.settings_changed": { enabled: boolean; question: string | null; privacyUrl: string | null };
  "conversation.status_changed": { from: string; to: string; snoozedUntil: string | null };
  "conversation.marked_unread": { unreadCount: number };
  "conversation.labels_changed": { added: string[]; removed: string[] };
  "label.created": { labelId: string; name: string; color: string };
  "label.updated": { labelId: string; changes: Record<string, string> };
  "label.deleted": { labelId: string; name: string };
  /** `mentioned`: the teammates the note @-mentions (lib/notes/note-mentions.ts). */
  "note.added": { noteId: string; mentioned?: string[] };
  "mentions.read": { noteIds: string[] };
  /** `retry` is absent for the agent's send itself; present when a later attempt decided again. */
  /** `automation` names what sent without a person: a satisfaction survey on resolve, the out-of-hours auto-reply. */
  "send.allowed": SendDecisionAudit & { messageId: string; retry?: "agent" | "automatic" | "meta_outside_window"; savedReply?: SavedReplyUse; automation?: Automation };
  /** `messageId` is present when a retry of an existing outbox message was blocked. */
  "send.blocked": SendDecisionAudit & { textLength: number; attachmentCount: number; messageId?: string; automation?: Automation };
  /** An admin replaced the account's business hours (lib/sla/save-business-hours.ts): the settings before and after. */
  "business_hours.updated": { before: Record<string, unknown>; after: Record<string, unknown> };
  "saved_reply.created": { savedReplyId: string; shortcut: string; channelIds: string[] };
  "saved_reply.updated": { savedReplyId: string; changed: string[] };
  "saved_reply.deleted": { savedReplyId: string };
  "send.sent": { messageId: string; mid: string; messagingType: string; tag: string | null; hoursSinceInbound: number | null };
  "send.failed": { messageId: string; code: number | null; subcode: number | null; fbtraceId: string | null; final: boolean };
  /** A private reply decided at send time (lib/policy/private-reply-policy.ts); `messageId` when allowed. */
  "private_reply.allowed": PrivateReplyDecisionAudit & { messageId: string; retry?: "agent" | "automatic" };
  "private_reply.blocked": PrivateReplyDecisionAudit & { textLength: number; messageId?: string };
  "comment.replied": { commentId: string; replyId: string; metaCommentId: string | null; status: "SENT" | "FAILED" | "PENDING" };
  "comment.status_changed": { commentId: string; from: string; to: string };
  /** Moderation from the inbox, after Meta accepted it (lib/comments/moderate-comment.ts). */
  "comment.hidden": { commentId: string; metaCommentId: string };
  "comment.unhidden": { commentId: string; metaCommentId: string };
  "comment.liked": { commentId: string; metaCommentId: string };
  "comment.unliked": { commentId: string; metaCommentId: string };
  "comment.deleted": { commentId: string; metaCommentId: string };
};

/** The inputs and outcome of one private-reply decision. */
export type PrivateReplyDecisionAudit = {
  commentId: string;
  inputs: { commentCreatedAt: string; byPage: boolean; privateReplySentAt: string | null; privateReplyPending: boolean; now: string };
  decision: { allowed: boolean; reason: string | null; deadline: string | null };
};

export type AuditEventType = keyof AuditEventData;

export interface AuditEventInput<T extends AuditEventType> {
  accountId: string;
  type: T;
  actorId?: string | null;
  conversationId?: string | null;
  data: AuditEventData[T];
}

/** Records one audit event, inside the caller's transaction when given one (Prisma's or `sqlTransaction`'s). */
export async function recordAuditEvent<T extends AuditEventType>(event: AuditEventInput<T>, client: Pick<SqlClient, "$executeRaw"> = db): Promise<void> {
  // Stamped with this process's clock when written, as Prisma's `@default(now())` does (events of one
  // transaction keep their order; the column's SQL default would give them all the transaction's start).
  await client.$executeRaw`
    INSERT INTO audit_events (account_id, type, actor_id, conversation_id, data, created_at)
    VALUES (${event.accountId}::uuid, ${event.type}, ${event.actorId ?? null}::uuid, ${event.conversationId ?? null}::uuid,
            ${JSON.stringify(event.data)}::jsonb, ${new Date()})`;
}
