import { z } from "zod";
import { MESSENGER_TEXT_LIMIT } from "@/lib/messages/outbound-rules";
import { SAVED_REPLY_VARIABLES, unknownVariables } from "@/lib/saved-replies/render-saved-reply";
import { idSchema } from "./id-schema";

export const SAVED_REPLY_NAME_MAX = 100;
export const SAVED_REPLY_SHORTCUT_MAX = 40;

/** Typed after `/`: letters, digits, `-` and `_`, stored lower-case (so `/Refund` and `/refund` are one). */
const shortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter a shortcut.")
  .max(SAVED_REPLY_SHORTCUT_MAX, `Use at most ${SAVED_REPLY_SHORTCUT_MAX} characters.`)
  .regex(/^[\p{L}\p{N}_-]+$/u, "Use letters, digits, - and _ only (no spaces or /).");

const text = z
  .string()
  .trim()
  .min(1, "Write the reply.")
  .max(MESSENGER_TEXT_LIMIT, `Saved replies can be at most ${MESSENGER_TEXT_LIMIT} characters.`)
  .refine((v) => unknownVariables(v).length === 0, {
    message: `Unknown variable. Use ${SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(", ")}.`,
  });

const fields = {
  name: z.string().trim().min(1, "Enter a name.").max(SAVED_REPLY_NAME_MAX, `Use at most ${SAVED_REPLY_NAME_MAX} characters.`),
  shortcut,
  text,
  /** Empty or absent: every channel of the account. */
  channelIds: z.array(idSchema("Choose channels from the list.")).max(500),
};

/** POST /api/saved-replies and the "New saved reply" form. */
export const createSavedReplySchema = z.object({ ...fields, channelIds: fields.channelIds.default([]) });

/** PATCH /api/saved-replies/:id — any subset. */
export const updateSavedReplySchema = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

export type CreateSavedReplyInput = z.infer<typeof createSavedReplySchema>;
export type UpdateSavedReplyInput = z.infer<typeof updateSavedReplySchema>;
