// What a new action of the person does to a conversation's status. The webhook processor (and the sync,
// for messages it imports that are newer than what we had) applies this in the transaction that stores the
// inbound message, records `conversation.status_changed` with the returned audit data (actor: null) and
// publishes `conversation.updated`.
//
//   SNOOZED  + new message/postback/referral → OPEN (the snooze ends early: the person is waiting)
//   RESOLVED + new message/postback/referral → OPEN (a resolved question came back)
//   a reaction never reopens: a 👍 on "anything else?" is not a new request
//   OPEN / PENDING stay as they are
//
// Pure: no I/O.
import type { WindowOpener } from "@/lib/policy/window-policy";

export type ConversationStatus = "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";

export interface ReopenChange {
  /** Prisma data for the conversation update. */
  data: { status: "OPEN"; snoozedUntil: null; resolvedAt: null };
  /** Data of the `conversation.status_changed` audit event. */
  audit: { from: ConversationStatus; to: "OPEN"; snoozedUntil: null };
}

/** The status change a new inbound action causes, or null when the status stays. */
export function reopenOnInbound({ status, kind }: { status: ConversationStatus; kind: WindowOpener }): ReopenChange | null {
  if (kind === "REACTION") return null;
  if (status !== "SNOOZED" && status !== "RESOLVED") return null;
  return {
    data: { status: "OPEN", snoozedUntil: null, resolvedAt: null },
    audit: { from: status, to: "OPEN", snoozedUntil: null },
  };
}
