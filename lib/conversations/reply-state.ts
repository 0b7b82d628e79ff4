// Whose turn it is in a conversation, for the list: "Needs reply" when the person wrote last, "Waiting on
// customer" when we did. Nothing for resolved conversations, and nothing when the window is closed (no
// reply is possible, the Closed chip says so). Pure.
export type ReplyState = "needs-reply" | "waiting-on-customer";

export const REPLY_STATE_LABEL: Record<ReplyState, { label: string; description: string }> = {
  "needs-reply": { label: "Needs reply", description: "The person wrote last and is waiting for an answer" },
  "waiting-on-customer": { label: "Waiting on customer", description: "You answered last; waiting for the person to write" },
};

export function replyState(c: {
  status: "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";
  lastMessageDirection: "INBOUND" | "OUTBOUND" | null;
  windowClosed: boolean;
}): ReplyState | null {
  if (c.status === "RESOLVED" || c.windowClosed || !c.lastMessageDirection) return null;
  return c.lastMessageDirection === "INBOUND" ? "needs-reply" : "waiting-on-customer";
}
