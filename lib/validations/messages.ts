import { z } from "zod";
import { MAX_ATTACHMENTS_PER_REQUEST, MESSENGER_TEXT_LIMIT } from "@/lib/messages/outbound-rules";
import { idSchema } from "./id-schema";

// The limits come from the one rule set of browser and server (lib/messages/outbound-rules.ts); the
// per-platform rules (Instagram's bytes and image count) are checked there once the channel is known.

/**
 * POST /api/conversations/:id/messages (with a required `Idempotency-Key` header) and the composer.
 * Text is trimmed; a message needs text or at least one attachment.
 */
export const sendMessageSchema = z
  .object({
    text: z
      .string()
      .trim()
      .max(MESSENGER_TEXT_LIMIT, `Messages can be at most ${MESSENGER_TEXT_LIMIT} characters.`)
      .optional()
      .transform((v) => (v ? v : undefined)),
    attachments: z
      .array(z.object({ uploadId: idSchema() }))
      .max(MAX_ATTACHMENTS_PER_REQUEST, `Send at most ${MAX_ATTACHMENTS_PER_REQUEST} attachments at once.`)
      .optional(),
    replyToMessageId: idSchema().optional(),
    /**
     * The newest `recordedAt` of the thread's messages the agent had seen when they opened the thread or started
     * this draft. A reply by anyone else stored after it makes the send a 409 `reply_collision`; the composer's
     * "Send anyway" sends again with the collision's `repliedAt`. Absent: no check (API clients).
     */
    seenUpTo: z.iso.datetime({ offset: true, message: "seenUpTo must be an ISO 8601 date-time." }).optional(),
    /** The saved reply the agent inserted (the server renders it again and records whether it was changed). */
    savedReplyId: idSchema().optional(),
  })
  .refine((v) => Boolean(v.text) || (v.attachments?.length ?? 0) > 0, {
    message: "Write a message or attach a file.",
    path: ["text"],
  });

export type SendMessageInput = z.infer<typeof sendMessageSchema>;

/** The Idempotency-Key header: the composer sends a fresh UUID per message and reuses it on retries. */
export const idempotencyKeySchema = z
  .string({ message: "The Idempotency-Key header is required." })
  .trim()
  .min(8, "The Idempotency-Key header must be 8–200 characters.")
  .max(200, "The Idempotency-Key header must be 8–200 characters.");
