import "server-only";
import { RetryJobLater, type JobContext } from "@/lib/jobs/job-worker";
import { attemptOutboxSend } from "./attempt-outbox-send";

/**
 * The outbox job (queue "send.deliver", one per message). Enqueued with the message itself, so a message
 * whose first attempt died with its process is still delivered, and again after every failure that
 * leaves the message PENDING. Each run makes at most one attempt: a settled message ends the job; a
 * message not due yet (an attempt running elsewhere, a backoff, or the echo wait after an unknown
 * outcome) postpones it without spending a job attempt.
 */
export const deliverOutboxJob = async ({ payload: { messageId } }: JobContext<{ messageId: string }>): Promise<void> => {
  const outcome = await attemptOutboxSend(messageId, "automatic");
  if (outcome.status === "PENDING") throw new RetryJobLater(Math.max(0, outcome.nextAttemptAt.getTime() - Date.now()), "outbox message not settled yet");
};
