/** The outbox's durable job queue: one job per outbox message (singleton key = message id). */
export const SEND_DELIVER_QUEUE = "send.deliver";
