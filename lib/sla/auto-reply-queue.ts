/** The out-of-hours auto-reply's job queue: one queued job per conversation (singleton key = conversation id). */
export const AUTO_REPLY_QUEUE = "business-hours.auto-reply";

export interface AutoReplyPayload {
  conversationId: string;
  /** The person's message that arrived (our id); its Meta time decides whether the team was closed. */
  messageId: string;
}
