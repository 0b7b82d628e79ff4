import { z } from "zod";
import { idSchema } from "./id-schema";
import { isCalendarDate } from "@/lib/reports/zoned-time";
import { CONVERSATION_STATUSES } from "./conversations";

// Query strings of the review pages and /api/review/*. HTML GET forms submit every field, empty ones as
// "", so "" means "not set". The same schemas validate the URL of a page (bad values are shown as
// messages) and the API (400 with field errors).

const blankToUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const PLATFORMS = ["MESSENGER", "INSTAGRAM"] as const;
/** Longest report range: a year of days keeps the per-day queries and charts readable. */
export const MAX_RANGE_DAYS = 366;

const localDate = (label: string) =>
  z.string().refine(isCalendarDate, `${label}: use a date written YYYY-MM-DD, like 2026-11-01.`);

const uuid = (label: string) => idSchema(`${label} is not a valid id.`);

const flag = (label: string) =>
  z.enum(["1", "true", "on", "0", "false"], { message: `${label}: use 1 or 0.` }).transform((v) => v === "1" || v === "true" || v === "on");

const rangeFields = {
  from: optional(localDate("From")),
  to: optional(localDate("To")),
};

function checkRange(value: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (value.from && value.to) {
    if (value.from > value.to) ctx.addIssue({ code: "custom", path: ["to"], message: "To must be on or after From." });
    else if ((Date.parse(value.to) - Date.parse(value.from)) / 86_400_000 + 1 > MAX_RANGE_DAYS) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_RANGE_DAYS} days.` });
    }
  }
}

/** /review/reports, GET /api/review/reports and /api/review/reports/<name>.csv. */
export const reportQuerySchema = z
  .object({
    ...rangeFields,
    channelId: optional(uuid("Channel")),
    platform: optional(z.enum(PLATFORMS, { message: "Platform: choose Messenger or Instagram." })),
  })
  .superRefine(checkRange);

export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const WINDOW_MISSED = ["24h", "7d"] as const;

/** /review (URL state of the filters) and GET /api/review/conversations. */
export const reviewListQuerySchema = z
  .object({
    ...rangeFields,
    agentId: optional(uuid("Agent")),
    channelId: optional(uuid("Channel")),
    platform: optional(z.enum(PLATFORMS, { message: "Platform: choose Messenger or Instagram." })),
    status: optional(z.enum(CONVERSATION_STATUSES, { message: "Status: choose Open, Pending, Snoozed or Resolved." })),
    label: optional(uuid("Label")),
    humanAgent: optional(flag("Replied with HUMAN_AGENT")),
    windowMissed: optional(z.enum(WINDOW_MISSED, { message: "Window missed: choose 24h or 7d." })),
    blocked: optional(flag("Blocked send attempts")),
    failed: optional(flag("Failed sends")),
    savedReplyUnedited: optional(flag("HUMAN_AGENT sent from an unedited saved reply")),
    cursor: optional(z.string().max(200, "The page cursor is not valid.")),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(25)),
  })
  .superRefine(checkRange);

export type ReviewListQuery = z.infer<typeof reviewListQuerySchema>;

export const COMMENT_OUTCOMES = ["public", "private", "unanswered", "expired", "blocked"] as const;

/** /review/comments and GET /api/review/comments: people's comments by the day they were written. */
export const reviewCommentsQuerySchema = z
  .object({
    ...rangeFields,
    channelId: optional(uuid("Channel")),
    platform: optional(z.enum(PLATFORMS, { message: "Platform: choose Messenger or Instagram." })),
    outcome: optional(z.enum(COMMENT_OUTCOMES, { message: "Outcome: choose answered publicly, answered privately, unanswered, expired or blocked." })),
    cursor: optional(z.string().max(200, "The page cursor is not valid.")),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
  })
  .superRefine(checkRange);

export type ReviewCommentsQuery = z.infer<typeof reviewCommentsQuerySchema>;

/** POST /api/review/conversations/:id/assignee — null unassigns. */
export const reviewAssignSchema = z.object({
  assigneeId: idSchema("Choose a team member.").nullable(),
});

/** Turns a URLSearchParams-like record (page searchParams) into the flat object the schemas read. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out[key] = first;
  }
  return out;
}
