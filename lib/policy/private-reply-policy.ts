// Meta's private reply, decided in one place: the one message a Page may send to the person who wrote a
// comment (or a visitor post). The private-reply API (at the moment of sending), the send job and the inbox's
// allowance ("Private reply · 6 d 3 h left") call this function.
//
//   the comment was written by the Page itself      → never
//   a private reply was already sent (or is on its way) → never again (Meta: "a single message")
//   Instagram Live comment                          → only while the broadcast runs
//   age of the comment (Meta's time, never our insert time) < 7 d − 5 min → allowed; later → expired
//
// Same safety margin as the messaging window (window-policy.ts): Meta does not say whether exactly 7 days is
// inside, and our clock may be a few minutes behind Meta's, so we stop 5 minutes early.
//
// Pure: no I/O, no clock of its own. Give it `now`.

import { WINDOW_SAFETY_MARGIN_MS } from "./window-policy";

export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 3_600_000;

export interface PrivateReplyPolicyInput {
  /** Meta's creation time of the comment (or visitor post). */
  commentCreatedAt: Date;
  /** The comment is the Page's (or the Instagram account's) own. */
  byPage: boolean;
  /** A private reply to this comment was sent, or is being sent (an outbox row exists). */
  privateReplySentAt: Date | null;
  privateReplyPending: boolean;
  /** Instagram Live comments: null when not a Live comment, else whether the broadcast still runs. */
  liveBroadcastRunning: boolean | null;
  now: Date;
}

export type PrivateReplyRefusal = "OWN_COMMENT" | "ALREADY_REPLIED" | "REPLY_IN_PROGRESS" | "EXPIRED" | "LIVE_ENDED";

export type PrivateReplyDecision =
  | { allowed: true; deadline: Date }
  | { allowed: false; reason: PrivateReplyRefusal; deadline: Date | null };

export function decidePrivateReply(input: PrivateReplyPolicyInput): PrivateReplyDecision {
  if (input.byPage) return { allowed: false, reason: "OWN_COMMENT", deadline: null };
  const deadline = privateReplyDeadline(input.commentCreatedAt);
  if (input.privateReplySentAt !== null) return { allowed: false, reason: "ALREADY_REPLIED", deadline };
  if (input.privateReplyPending) return { allowed: false, reason: "REPLY_IN_PROGRESS", deadline };
  if (input.liveBroadcastRunning === false) return { allowed: false, reason: "LIVE_ENDED", deadline: null };
  if (input.liveBroadcastRunning === true) return { allowed: true, deadline };
  if (!(input.now.getTime() < deadline.getTime())) return { allowed: false, reason: "EXPIRED", deadline };
  return { allowed: true, deadline };
}

/** Our last moment to send a private reply: 7 days after the comment, minus the safety margin. */
export function privateReplyDeadline(commentCreatedAt: Date): Date {
  return new Date(commentCreatedAt.getTime() + PRIVATE_REPLY_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS);
}

export const PRIVATE_REPLY_REFUSAL_TEXT: Record<PrivateReplyRefusal, string> = {
  OWN_COMMENT: "This comment was written by the Page itself: Meta allows private replies only to other people's comments.",
  ALREADY_REPLIED: "This comment was already answered privately: Meta allows one private reply per comment.",
  REPLY_IN_PROGRESS: "A private reply to this comment is already being sent.",
  EXPIRED: "More than 7 days have passed since this comment: Meta no longer allows a private reply. Answer publicly instead.",
  LIVE_ENDED: "The live broadcast has ended: Meta allows private replies to live comments only while it runs.",
};
