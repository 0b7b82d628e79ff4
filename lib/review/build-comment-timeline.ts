// The review timeline of one comment: the person's comment, the Page's public replies, the private reply with
// the policy's decision (allowed until its deadline, or blocked with the reason), status changes and moderation
// (hide, delete, like), and the moment the private-reply allowance ran out unanswered — the same definition as
// the reports (PRIVATE REPLY EXPIRED UNANSWERED, lib/reports/report-sql.ts). Pure: the caller loads the rows.
import { PRIVATE_REPLY_REFUSAL_TEXT, privateReplyDeadline, type PrivateReplyRefusal } from "@/lib/policy/private-reply-policy";
import type { AuditRow } from "./build-timeline";

export interface CommentTimelineInput {
  comment: { authorName: string; text: string | null; metaCreatedAt: Date; hidden: boolean; deletedAt: Date | null; isLive: boolean };
  /** The Page's replies that answer this comment (SENT, PENDING, FAILED, or NULL = sent in another app). */
  publicReplies: { id: string; text: string | null; at: Date; sendStatus: "SENT" | "PENDING" | "FAILED" | null; errorMessage: string | null; agentId: string | null }[];
  privateReply: { id: string; text: string | null; at: Date; sendStatus: "SENT" | "PENDING" | "FAILED" | null; errorMessage: string | null; agentId: string | null; conversationId: string } | null;
  /** Audit events whose data.commentId is this comment. */
  audit: AuditRow[];
  agentNames: Map<string, string>;
  now: Date;
}

export type SendState = "SENT" | "PENDING" | "FAILED" | "OTHER_APP";

export type CommentTimelineEntry =
  | { kind: "comment"; id: string; at: string; authorName: string; text: string | null; hidden: boolean; removedAt: string | null }
  | { kind: "public_reply"; id: string; at: string; by: string; text: string | null; state: SendState; error: string | null }
  | { kind: "private_reply"; id: string; at: string; by: string; text: string | null; state: SendState; error: string | null; conversationId: string; deadline: string | null }
  | { kind: "private_blocked"; id: string; at: string; actorName: string; reason: string; reasonText: string; deadline: string | null; textLength: number | null }
  | { kind: "status"; id: string; at: string; actorName: string; to: string }
  | { kind: "moderation"; id: string; at: string; actorName: string; action: string }
  | { kind: "expired"; id: string; at: string };

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

const MODERATION: Record<string, string> = {
  "comment.hidden": "hid the comment",
  "comment.unhidden": "unhid the comment",
  "comment.deleted": "deleted the comment at Meta",
  "comment.liked": "liked the comment",
  "comment.unliked": "removed the like",
};

const REMOVED_TEXT = "The comment was removed at Meta: it could no longer be answered.";

// At the same instant: what the person did, then the decision, then the answers.
const ORDER: Record<CommentTimelineEntry["kind"], number> = { comment: 0, expired: 1, private_blocked: 2, private_reply: 3, public_reply: 4, status: 5, moderation: 6 };

export function buildCommentTimeline(input: CommentTimelineInput): CommentTimelineEntry[] {
  const name = (id: string | null, fallback = "System") => (id ? (input.agentNames.get(id) ?? "Former team member") : fallback);
  const sender = (agentId: string | null, status: string | null) => (agentId ? name(agentId) : status === null ? "Another app (e.g. Meta Business Suite)" : "Former team member");
  const c = input.comment;
  const entries: CommentTimelineEntry[] = [
    { kind: "comment", id: "comment", at: c.metaCreatedAt.toISOString(), authorName: c.authorName, text: c.text, hidden: c.hidden, removedAt: c.deletedAt?.toISOString() ?? null },
  ];
  for (const r of input.publicReplies) {
    entries.push({ kind: "public_reply", id: r.id, at: r.at.toISOString(), by: sender(r.agentId, r.sendStatus), text: r.text, state: r.sendStatus ?? "OTHER_APP", error: r.errorMessage });
  }
  let allowedDeadline: string | null = null;
  let lastStatus: { at: Date; to: string } | null = null;
  for (const event of input.audit) {
    const data = obj(event.data);
    const at = event.createdAt.toISOString();
    switch (event.type) {
      case "private_reply.allowed":
        if (input.privateReply && str(data.messageId) === input.privateReply.id) allowedDeadline = str(obj(data.decision).deadline);
        break;
      case "private_reply.blocked": {
        const reason = str(obj(data.decision).reason) ?? "EXPIRED";
        entries.push({
          kind: "private_blocked",
          id: event.id,
          at,
          actorName: name(event.actorId),
          reason,
          reasonText: PRIVATE_REPLY_REFUSAL_TEXT[reason as PrivateReplyRefusal] ?? (reason === "REMOVED" ? REMOVED_TEXT : reason),
          deadline: str(obj(data.decision).deadline),
          textLength: num(data.textLength),
        });
        break;
      }
      case "comment.status_changed": {
        const to = str(data.to) ?? "";
        entries.push({ kind: "status", id: event.id, at, actorName: name(event.actorId), to });
        if (event.createdAt.getTime() <= privateReplyDeadline(c.metaCreatedAt).getTime()) lastStatus = { at: event.createdAt, to };
        break;
      }
      case "comment.replied":
        break; // the reply row itself is listed
      default:
        entries.push({ kind: "moderation", id: event.id, at, actorName: name(event.actorId), action: MODERATION[event.type] ?? event.type });
    }
  }
  const p = input.privateReply;
  if (p) {
    entries.push({ kind: "private_reply", id: p.id, at: p.at.toISOString(), by: sender(p.agentId, p.sendStatus), text: p.text, state: p.sendStatus ?? "OTHER_APP", error: p.errorMessage, conversationId: p.conversationId, deadline: allowedDeadline });
  }
  // PRIVATE REPLY EXPIRED UNANSWERED, as the reports count it.
  const deadline = privateReplyDeadline(c.metaCreatedAt);
  const answeredBefore = (at: Date, status: string | null) => (status === null || status === "SENT") && at.getTime() < deadline.getTime();
  const answered = input.publicReplies.some((r) => answeredBefore(r.at, r.sendStatus)) || (p !== null && p.sendStatus === "SENT" && answeredBefore(p.at, p.sendStatus));
  const removedBefore = c.deletedAt !== null && c.deletedAt.getTime() < deadline.getTime();
  if (!c.isLive && deadline.getTime() <= input.now.getTime() && !answered && !removedBefore && lastStatus?.to !== "RESOLVED") {
    entries.push({ kind: "expired", id: "expired", at: deadline.toISOString() });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
}
