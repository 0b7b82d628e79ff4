import { z } from "zod";
import { idSchema } from "./id-schema";
import { INBOX_FOLDERS } from "@/lib/conversations/inbox-folders";
import { PLATFORMS, SEARCH_MAX_LENGTH, SEARCH_MIN_LENGTH } from "@/lib/conversations/inbox-view";

export const CONVERSATION_STATUSES = ["OPEN", "PENDING", "SNOOZED", "RESOLVED"] as const;

/** The inbox view: folder, filters and search. GET /api/conversations and the inbox's URL query string. */
export const inboxViewSchema = z.object({
  folder: z.enum(INBOX_FOLDERS).default("all"),
  channelId: idSchema("Choose a channel from the list.").optional(),
  platform: z.enum(PLATFORMS).optional(),
  labelId: idSchema("Choose a label from the list.").optional(),
  q: z
    .string()
    .trim()
    .max(SEARCH_MAX_LENGTH, `Search for at most ${SEARCH_MAX_LENGTH} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= SEARCH_MIN_LENGTH, `Search for at least ${SEARCH_MIN_LENGTH} characters.`),
});

/** GET /api/conversations query: the view plus keyset paging. */
export const conversationListQuerySchema = inboxViewSchema.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type InboxView = z.infer<typeof inboxViewSchema>;
export type ConversationListQuery = z.infer<typeof conversationListQuerySchema>;

/** GET /api/conversations/folders query: the filters the counts apply to. */
export const folderCountsQuerySchema = inboxViewSchema.pick({ channelId: true, platform: true });

/** GET /api/conversations/:id/messages query: older pages of the thread. */
export const threadPageQuerySchema = z.object({
  before: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/** The furthest ahead a conversation can be snoozed. */
export const SNOOZE_MAX_DAYS = 365;

/** PUT /api/conversations/:id/status — resolve, reopen, or snooze until a time. */
export const conversationStatusSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("OPEN") }),
  z.object({ status: z.literal("RESOLVED") }),
  z.object({
    status: z.literal("SNOOZED"),
    snoozedUntil: z.iso.datetime({ offset: true, message: "Choose when the conversation should come back." }).transform((v) => new Date(v)),
  }),
]);

export type ConversationStatusChange = z.infer<typeof conversationStatusSchema>;

/** PUT /api/conversations/:id/assignee — null unassigns. */
export const conversationAssigneeSchema = z.object({
  assigneeId: idSchema("Choose a member of your team.").nullable(),
});
