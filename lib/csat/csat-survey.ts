// The satisfaction survey asked when a conversation is resolved (issue 14 §5), and how its answers are
// recognised. Pure.
//
//   Messenger  Meta's Customer Feedback Template: one screen, one CSAT question (1–5, "one_to_five"), an
//              optional free-form follow-up; the answer arrives as a `messaging_feedback` webhook whose
//              question key is the question id we chose — `csat` + the survey id without dashes — so an
//              answer names its survey exactly.
//   Instagram  The question as text with five quick replies "1"…"5" whose payloads are `CSAT:<survey id>:<n>`;
//              the person's tap arrives as an ordinary message carrying `quick_reply.payload`.
//
// Both go out as RESPONSE inside the 24-hour window only (the window policy's AUTOMATION path: a survey is
// never tagged — neither HUMAN_AGENT nor Messenger's CUSTOMER_FEEDBACK tag, which would reach 7 days).

export const CSAT_MIN = 1;
export const CSAT_MAX = 5;
/** A conversation asked within this many days is not asked again when it is resolved once more. */
export const CSAT_REASK_AFTER_DAYS = 7;
/** How long Messenger keeps the template answerable (Meta allows 1–7 days). */
export const CSAT_TEMPLATE_EXPIRES_IN_DAYS = 3;
export const CSAT_DEFAULT_QUESTION = "How would you rate the help you received?";
/** Ratings counted as satisfied in reports. */
export const isSatisfied = (rating: number): boolean => rating >= 4;

const QUESTION_PREFIX = "csat";
/** Every survey quick reply's payload starts so (reports tell rating taps from questions by it). */
export const CSAT_QUICK_REPLY_PREFIX = "CSAT:";
const QUICK_REPLY_PREFIX = CSAT_QUICK_REPLY_PREFIX;
const UUID_HEX = /^[0-9a-f]{32}$/;

/** The template's question id for a survey (Meta returns it as the key of the answer). */
export function surveyQuestionId(surveyId: string): string {
  return QUESTION_PREFIX + surveyId.replace(/-/g, "").toLowerCase();
}

/** The survey a question id names, or null when the id is not one of ours. */
export function surveyIdFromQuestionId(questionId: string): string | null {
  if (!questionId.startsWith(QUESTION_PREFIX)) return null;
  const hex = questionId.slice(QUESTION_PREFIX.length).toLowerCase();
  if (!UUID_HEX.test(hex)) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function quickReplyPayload(surveyId: string, rating: number): string {
  return `${QUICK_REPLY_PREFIX}${surveyId}:${rating}`;
}

/** `{surveyId, rating}` of one of our survey quick replies, or null for any other payload. */
export function parseSurveyQuickReply(payload: string | null): { surveyId: string; rating: number } | null {
  if (!payload?.startsWith(QUICK_REPLY_PREFIX)) return null;
  const match = /^CSAT:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([0-9]+)$/.exec(payload);
  if (!match) return null;
  const rating = Number(match[2]);
  return isRating(rating) ? { surveyId: match[1]!, rating } : null;
}

export function isRating(n: number): boolean {
  return Number.isInteger(n) && n >= CSAT_MIN && n <= CSAT_MAX;
}

/** One question answered in a `messaging_feedback` event, as parsed from the webhook. */
export interface FeedbackAnswer {
  questionId: string;
  type: string;
  payload: string | null;
  comment: string | null;
}

/** The survey answers of a `messaging_feedback` event: our CSAT questions with a 1–5 score; others dropped. */
export function surveyAnswersOf(answers: FeedbackAnswer[]): { surveyId: string; rating: number; comment: string | null }[] {
  return answers.flatMap((a) => {
    const surveyId = surveyIdFromQuestionId(a.questionId);
    if (!surveyId || a.type !== "csat" || a.payload === null || !/^[0-9]+$/.test(a.payload)) return [];
    const rating = Number(a.payload);
    return isRating(rating) ? [{ surveyId, rating, comment: a.comment }] : [];
  });
}

export interface SurveyMessageInput {
  platform: "MESSENGER" | "INSTAGRAM";
  surveyId: string;
  question: string;
  /** The business's name in the template's title. */
  channelName: string;
  /** Meta requires the business's privacy policy on the template. */
  privacyUrl: string;
}

/** The Send API `message` of a survey (without `metadata`, which the outbox adds). */
export function surveyMessage(input: SurveyMessageInput): Record<string, unknown> {
  if (input.platform === "INSTAGRAM") {
    return {
      text: surveyText("INSTAGRAM", input.question),
      quick_replies: Array.from({ length: CSAT_MAX - CSAT_MIN + 1 }, (_, i) => ({ content_type: "text", title: String(CSAT_MIN + i), payload: quickReplyPayload(input.surveyId, CSAT_MIN + i) })),
    };
  }
  return {
    attachment: {
      type: "template",
      payload: {
        template_type: "customer_feedback",
        title: truncate(`Rate your experience with ${input.channelName}`, 65),
        subtitle: "One question, a few seconds",
        button_title: "Rate experience",
        feedback_screens: [
          {
            questions: [
              {
                id: surveyQuestionId(input.surveyId),
                type: "csat",
                title: truncate(input.question, 80),
                score_label: "neg_pos",
                score_option: "one_to_five",
                follow_up: { type: "free_form", placeholder: "Tell us more (optional)" },
              },
            ],
          },
        ],
        business_privacy: { url: input.privacyUrl },
        expires_in_days: CSAT_TEMPLATE_EXPIRES_IN_DAYS,
      },
    },
  };
}

/** The text our thread shows for the survey message (what the person sees, in words). */
export function surveyText(platform: "MESSENGER" | "INSTAGRAM", question: string): string {
  return platform === "INSTAGRAM" ? `${question}${INSTAGRAM_SCALE}` : question;
}

const INSTAGRAM_SCALE = " (1 = poor, 5 = great)";

/** The question of an Instagram survey's stored text (surveyText's inverse). */
export function surveyQuestionOf(text: string): string {
  return text.endsWith(INSTAGRAM_SCALE) ? text.slice(0, -INSTAGRAM_SCALE.length) : text;
}

function truncate(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** Whether a resolve asks: on, never asked in the last CSAT_REASK_AFTER_DAYS days. */
export function shouldAskOnResolve(input: { enabled: boolean; lastAskedAt: Date | null; now: Date }): boolean {
  if (!input.enabled) return false;
  if (!input.lastAskedAt) return true;
  return input.now.getTime() - input.lastAskedAt.getTime() >= CSAT_REASK_AFTER_DAYS * 86_400_000;
}
