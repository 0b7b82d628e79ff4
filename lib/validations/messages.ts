import { z } from "zod";
import { idSchema } from "./id-schema";

/** Meta's limit for Messenger text; Instagram's is lower (1000) and is checked per channel on the server. */
export const MESSENGER_TEXT_LIMIT = 2000;
export const INSTAGRAM_TEXT_LIMIT = 1000;

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
      .max(10, "Send at most 10 attachments at once.")
      .optional(),
    replyToMessageId: idSchema().optional(),
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
