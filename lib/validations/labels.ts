import { z } from "zod";
import { LABEL_COLOUR_NAMES } from "@/lib/labels/label-colours";
import { idSchema } from "./id-schema";
import { conversationStatusSchema } from "./conversations";

export const LABEL_NAME_MAX = 40;
/** Labels one conversation can carry. */
export const MAX_LABELS_PER_CONVERSATION = 20;
/** Conversations one bulk action may change (the list's selection is bounded by what is loaded). */
export const MAX_BULK_CONVERSATIONS = 100;

const fields = {
  name: z.string().trim().min(1, "Enter a name.").max(LABEL_NAME_MAX, `Use at most ${LABEL_NAME_MAX} characters.`),
  color: z.enum(LABEL_COLOUR_NAMES as [string, ...string[]], { message: `Colour: choose one of ${LABEL_COLOUR_NAMES.join(", ")}.` }),
};

/** POST /api/labels. */
export const createLabelSchema = z.object(fields);
/** PATCH /api/labels/:id. */
export const updateLabelSchema = z
  .object(fields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

const labelIds = z
  .array(idSchema("Choose labels from the list."))
  .max(MAX_LABELS_PER_CONVERSATION, `A conversation can have at most ${MAX_LABELS_PER_CONVERSATION} labels.`);

/** PUT /api/conversations/:id/labels — the complete set. */
export const setConversationLabelsSchema = z.object({ labelIds });

/** POST /api/conversations/bulk — one action on several conversations, applied and audited one by one. */
export const bulkConversationActionSchema = z.object({
  conversationIds: z
    .array(idSchema("Choose conversations from the list."))
    .min(1, "Select at least one conversation.")
    .max(MAX_BULK_CONVERSATIONS, `Select at most ${MAX_BULK_CONVERSATIONS} conversations.`),
  action: z.discriminatedUnion("type", [
    z.object({ type: z.literal("assign"), assigneeId: idSchema("Choose a member of your team.").nullable() }),
    z.object({ type: z.literal("label"), add: labelIds.default([]), remove: labelIds.default([]) }),
    z.object({ type: z.literal("status"), change: conversationStatusSchema }),
  ]),
});

export type CreateLabelInput = z.infer<typeof createLabelSchema>;
export type UpdateLabelInput = z.infer<typeof updateLabelSchema>;
export type BulkConversationAction = z.infer<typeof bulkConversationActionSchema>;
/** The action as the browser sends it (times as ISO strings). */
export type BulkActionRequest = z.input<typeof bulkConversationActionSchema>["action"];
