// The thread review timeline: messages, notes and audit events of one conversation merged in time order,
// in the manager's language. Send decisions and Meta failures are folded into the message they concern;
// blocked attempts (no message exists) and lapsed windows stand on their own. Pure: the caller loads rows.
import type { MessageView } from "@/lib/messages/message-view";
import { describeMetaError } from "@/lib/meta/error-map";
import { WINDOW_REASON_TEXT } from "@/lib/policy/window-policy";

export interface AuditRow {
  id: string;
  type: string;
  data: unknown;
  actorId: string | null;
  createdAt: Date;
}

export interface NoteRow {
  id: string;
  body: string;
  authorId: string | null;
  createdAt: Date;
}

export interface LapseRow {
  openerId: string;
  openedAt: Date;
  deadline: Date;
  window: "24h" | "7d";
}

/** DecisionView.reason of a private reply (lib/policy/private-reply-policy.ts) rather than a window decision. */
export const PRIVATE_REPLY_DECISION = "PRIVATE_REPLY";

/** The policy's decision recorded with a send (send.allowed / send.blocked). */
export interface DecisionView {
  reason: string;
  title: string;
  stage: string;
  deadline: string | null;
  hoursSinceInbound: number | null;
  lastInboundAt: string | null;
  /** The saved reply the agent inserted, and whether the sent text differed from it (send.allowed only). */
  savedReply?: { name: string; shortcut: string; edited: boolean } | null;
}

export interface SendFailureView {
  at: string;
  code: number | null;
  subcode: number | null;
  fbtraceId: string | null;
  final: boolean;
  explanation: string;
}

export type TimelineEntry =
  | { kind: "message"; id: string; at: string; message: MessageView; senderName: string; decision: DecisionView | null; failures: SendFailureView[] }
  | { kind: "assigned"; id: string; at: string; actorName: string; fromName: string | null; toName: string | null }
  | { kind: "status"; id: string; at: string; actorName: string; from: string; to: string; snoozedUntil: string | null }
  | { kind: "note"; id: string; at: string; authorName: string; body: string }
  | ({ kind: "blocked"; id: string; at: string; actorName: string; detail: string; textLength: number | null } & DecisionView)
  | { kind: "lapse"; id: string; at: string; window: "24h" | "7d"; openedAt: string }
  | { kind: "other"; id: string; at: string; actorName: string; type: string };

const obj = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const num = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

function decisionOf(data: unknown): DecisionView | null {
  const decision = obj(obj(data).decision);
  const inputs = obj(obj(data).inputs);
  const reason = str(decision.reason);
  if (!reason) return null;
  return {
    reason,
    title: WINDOW_REASON_TEXT[reason as keyof typeof WINDOW_REASON_TEXT]?.title ?? reason,
    stage: str(decision.stage) ?? "",
    deadline: str(decision.deadline),
    hoursSinceInbound: num(decision.hoursSinceInbound),
    lastInboundAt: str(inputs.lastInboundAt),
  };
}

function senderName(message: MessageView, contactName: string): string {
  if (message.direction === "INBOUND") return contactName;
  if (message.senderKind === "AGENT") return message.agent?.name ?? "Former team member";
  if (message.senderKind === "OUR_APP") return "Automation";
  return "Another app (e.g. Meta Business Suite)";
}

// At the same instant: the lapse first (it happened at the deadline), then what people did.
const KIND_ORDER: Record<TimelineEntry["kind"], number> = { lapse: 0, assigned: 1, status: 2, message: 3, blocked: 4, note: 5, other: 6 };

export function buildTimeline(input: {
  contactName: string;
  messages: MessageView[];
  audit: AuditRow[];
  notes: NoteRow[];
  lapses: LapseRow[];
  /** Names of the account's agents by id (actors, assignees, authors). */
  agentNames: Map<string, string>;
}): TimelineEntry[] {
  const name = (id: string | null, fallback = "System") => (id ? (input.agentNames.get(id) ?? "Former team member") : fallback);
  const decisions = new Map<string, DecisionView>();
  const failures = new Map<string, SendFailureView[]>();
  const entries: TimelineEntry[] = [];
  const messageById = new Map(input.messages.map((m) => [m.id, m]));

  for (const event of input.audit) {
    const data = obj(event.data);
    const at = event.createdAt.toISOString();
    const messageId = str(data.messageId);
    switch (event.type) {
      case "send.allowed": {
        const decision = decisionOf(data);
        const saved = obj(data.savedReply);
        const savedReply = str(saved.shortcut) !== null ? { name: str(saved.name) ?? "", shortcut: str(saved.shortcut)!, edited: saved.edited === true } : null;
        if (messageId && decision) decisions.set(messageId, { ...decision, savedReply });
        break;
      }
      case "private_reply.allowed": {
        // A private reply to the person's comment: decided by the private-reply policy, not the window.
        const decision = obj(data.decision);
        if (messageId) {
          decisions.set(messageId, {
            reason: PRIVATE_REPLY_DECISION,
            title: "Private reply to a comment: one message within 7 days of the comment",
            stage: "PRIVATE_REPLY",
            deadline: str(decision.deadline),
            hoursSinceInbound: null,
            lastInboundAt: null,
          });
        }
        break;
      }
      case "send.sent":
        break; // the message row carries type, tag, hours and mid
      case "send.failed": {
        const message = messageId ? messageById.get(messageId) : undefined;
        const failure: SendFailureView = {
          at,
          code: num(data.code),
          subcode: num(data.subcode),
          fbtraceId: str(data.fbtraceId),
          final: data.final === true,
          explanation: describeMetaError(num(data.code), num(data.subcode), { humanAgentTag: message?.tag === "HUMAN_AGENT" }).message,
        };
        if (messageId && message) failures.set(messageId, [...(failures.get(messageId) ?? []), failure]);
        else entries.push({ kind: "other", id: event.id, at, actorName: name(event.actorId), type: `Send failed: ${failure.explanation}` });
        break;
      }
      case "send.blocked": {
        const decision = decisionOf(data);
        if (!decision) break;
        entries.push({
          kind: "blocked",
          id: event.id,
          at,
          actorName: name(event.actorId),
          detail: WINDOW_REASON_TEXT[decision.reason as keyof typeof WINDOW_REASON_TEXT]?.detail ?? "",
          textLength: num(data.textLength),
          ...decision,
        });
        break;
      }
      case "conversation.assigned":
        entries.push({
          kind: "assigned",
          id: event.id,
          at,
          actorName: name(event.actorId),
          fromName: str(data.from) ? name(str(data.from)) : null,
          toName: str(data.to) ? name(str(data.to)) : null,
        });
        break;
      case "conversation.status_changed":
        entries.push({
          kind: "status",
          id: event.id,
          at,
          actorName: name(event.actorId),
          from: str(data.from) ?? "",
          to: str(data.to) ?? "",
          snoozedUntil: str(data.snoozedUntil),
        });
        break;
      case "note.added":
        break; // the note itself is listed from the notes table
      default:
        entries.push({ kind: "other", id: event.id, at, actorName: name(event.actorId), type: event.type });
    }
  }

  for (const message of input.messages) {
    entries.push({
      kind: "message",
      id: message.id,
      at: message.sentAt,
      message,
      senderName: senderName(message, input.contactName),
      decision: decisions.get(message.id) ?? null,
      failures: failures.get(message.id) ?? [],
    });
  }
  for (const note of input.notes) {
    entries.push({ kind: "note", id: note.id, at: note.createdAt.toISOString(), authorName: name(note.authorId, "Former team member"), body: note.body });
  }
  for (const lapse of input.lapses) {
    entries.push({ kind: "lapse", id: `${lapse.openerId}:${lapse.window}`, at: lapse.deadline.toISOString(), window: lapse.window, openedAt: lapse.openedAt.toISOString() });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}
