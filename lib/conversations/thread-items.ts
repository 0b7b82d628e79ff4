// What the thread renders, in order: day separators, messages, private notes and the agent's sends that
// the server has not confirmed yet, plus the "earlier history not available" marker. Pure.
import type { MessageView } from "@/lib/messages/message-view";
import type { NoteView } from "@/lib/notes/note-view";
import type { CsatRatingView } from "./conversation-view";
import { dayKey } from "./format-time";

/** A send the composer started and the server has not answered yet (or that could not reach it). */
export interface PendingSend {
  /** The Idempotency-Key: the server's message carries it once it exists. */
  key: string;
  conversationId: string;
  text: string | null;
  attachments: { uploadId: string; fileName: string; contentType: string; url: string }[];
  replyToMessageId: string | null;
  /** The send API's `seenUpTo` (reply collision check): the newest reply the agent had seen. */
  seenUpTo?: string | null;
  /** The saved reply inserted with `/`, sent along so the server can tell whether it was changed. */
  savedReplyId?: string | null;
  createdAt: string;
  state: "sending" | "failed";
  /** Why it failed, in the agent's language. */
  error: string | null;
}

export type ThreadItem =
  | { kind: "history-marker"; key: string }
  | { kind: "day"; key: string; at: string }
  | { kind: "message"; key: string; message: MessageView }
  | { kind: "note"; key: string; note: NoteView }
  | { kind: "pending"; key: string; send: PendingSend }
  /** The person's answer to a satisfaction survey: a system line at the time they answered. */
  | { kind: "csat"; key: string; rating: CsatRatingView & { rating: number; answeredAt: string } };

export type DeliveryState = "sending" | "sent" | "delivered" | "read" | "failed";

/**
 * Where an outbound message stands. Meta reports deliveries and reads as watermarks on the conversation: a
 * message is delivered / read when it was sent at or before the watermark.
 */
export function deliveryState(
  message: Pick<MessageView, "direction" | "sendStatus" | "sentAt">,
  watermarks: { contactDeliveredUpTo: string | null; contactReadUpTo: string | null },
): DeliveryState | null {
  if (message.direction !== "OUTBOUND") return null;
  if (message.sendStatus === "FAILED") return "failed";
  if (message.sendStatus === "PENDING") return "sending";
  const sentAt = Date.parse(message.sentAt);
  if (watermarks.contactReadUpTo && sentAt <= Date.parse(watermarks.contactReadUpTo)) return "read";
  if (watermarks.contactDeliveredUpTo && sentAt <= Date.parse(watermarks.contactDeliveredUpTo)) return "delivered";
  return "sent";
}

/**
 * Merges the loaded messages (oldest first), the conversation's notes and pending sends into one timeline.
 * Notes older than the oldest loaded message wait until that part of the thread is loaded (`hasOlder`);
 * pending sends the server already answered (same idempotency key) are dropped; they go last.
 */
export function buildThreadItems({
  messages,
  notes,
  pending,
  hasOlder,
  historyIncomplete,
  timeZone,
  ratings = [],
}: {
  messages: MessageView[];
  notes: NoteView[];
  ratings?: CsatRatingView[];
  pending: PendingSend[];
  hasOlder: boolean;
  historyIncomplete: boolean;
  timeZone: string;
}): ThreadItem[] {
  const oldest = messages[0]?.sentAt;
  type Dated = { at: string; order: number; item: ThreadItem };
  const dated: Dated[] = [
    ...messages.map((message, i) => ({ at: message.sentAt, order: i, item: { kind: "message", key: `m:${message.id}`, message } as ThreadItem })),
    ...notes
      .filter((note) => !hasOlder || (oldest !== undefined && note.createdAt >= oldest))
      .map((note) => ({ at: note.createdAt, order: 0, item: { kind: "note", key: `n:${note.id}`, note } as ThreadItem })),
    ...ratings
      .filter((r): r is CsatRatingView & { rating: number; answeredAt: string } => r.rating !== null && r.answeredAt !== null)
      .filter((r) => !hasOlder || (oldest !== undefined && r.answeredAt >= oldest))
      .map((rating) => ({ at: rating.answeredAt, order: 0, item: { kind: "csat", key: `r:${rating.surveyId}`, rating } as ThreadItem })),
  ];
  // ISO strings of the same format sort like the times they name; messages keep the server's order.
  dated.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.item.kind === b.item.kind ? a.order - b.order : a.item.kind === "message" ? -1 : 1));
  const confirmed = new Set(messages.map((m) => m.idempotencyKey).filter(Boolean));
  for (const send of pending) {
    if (confirmed.has(send.key)) continue;
    dated.push({ at: send.createdAt, order: 0, item: { kind: "pending", key: `p:${send.key}`, send } });
  }

  const items: ThreadItem[] = [];
  if (!hasOlder && historyIncomplete) items.push({ kind: "history-marker", key: "history-marker" });
  let day: string | null = null;
  for (const entry of dated) {
    const entryDay = dayKey(new Date(entry.at), timeZone);
    if (entryDay !== day) {
      day = entryDay;
      items.push({ kind: "day", key: `d:${entryDay}`, at: entry.at });
    }
    items.push(entry.item);
  }
  return items;
}
