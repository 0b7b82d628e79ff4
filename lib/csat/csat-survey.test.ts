import { describe, expect, it } from "vitest";
import { readWebhookEnvelope, webhookItems, type WebhookItem } from "@/lib/webhooks/parse-webhook";
import {
  CSAT_REASK_AFTER_DAYS,
  isSatisfied,
  parseSurveyQuickReply,
  quickReplyPayload,
  shouldAskOnResolve,
  surveyAnswersOf,
  surveyIdFromQuestionId,
  surveyMessage,
  surveyQuestionId,
  surveyQuestionOf,
  surveyText,
} from "./csat-survey";

const SURVEY = "3f2b8c1e-9a4d-4e6f-8b21-0c5d7e9f1a2b";

describe("survey ids in Meta's payloads", () => {
  it("the question id is letters and digits only and names the survey", () => {
    const id = surveyQuestionId(SURVEY);
    expect(id).toMatch(/^[a-z0-9]+$/);
    expect(surveyIdFromQuestionId(id)).toBe(SURVEY);
  });

  it.each(["csat", "nps3f2b8c1e9a4d4e6f8b210c5d7e9f1a2b", "csat3f2b8c1e9a4d4e6f8b210c5d7e9f1a2", "csat3f2b8c1e9a4d4e6f8b210c5d7e9f1a2bz", "hauydmns8"])("%s is not one of ours", (id) => {
    expect(surveyIdFromQuestionId(id)).toBeNull();
  });

  it("quick reply payloads: 1–5 of a survey; anything else is an ordinary reply", () => {
    expect(parseSurveyQuickReply(quickReplyPayload(SURVEY, 1))).toEqual({ surveyId: SURVEY, rating: 1 });
    expect(parseSurveyQuickReply(quickReplyPayload(SURVEY, 5))).toEqual({ surveyId: SURVEY, rating: 5 });
    for (const other of [null, "", "CSAT:", `CSAT:${SURVEY}:0`, `CSAT:${SURVEY}:6`, `CSAT:${SURVEY}:4.5`, `CSAT:${SURVEY}:04x`, `csat:${SURVEY}:4`, "ORDER_STATUS", `CSAT:not-a-uuid:3`]) {
      expect(parseSurveyQuickReply(other)).toBeNull();
    }
  });
});

describe("messaging_feedback answers", () => {
  const body = (questions: Record<string, unknown>) =>
    JSON.stringify({
      object: "page",
      entry: [{ id: "111", time: 1, messaging: [{ sender: { id: "222" }, recipient: { id: "111" }, timestamp: 1764000000000, messaging_feedback: { feedback_screens: [{ screen_id: 0, questions }] } }] }],
    });
  const parse = (raw: string) => {
    const read = readWebhookEnvelope(raw);
    if (!read.ok) throw new Error(read.reason);
    return webhookItems(read.envelope);
  };

  it("parses Meta's shape: question id as key, type, payload, free-form follow-up", () => {
    const { items } = parse(body({ [surveyQuestionId(SURVEY)]: { type: "csat", payload: "4", follow_up: { type: "free_form", payload: "Great help" } } }));
    expect(items).toEqual([
      expect.objectContaining({ type: "feedback", personId: "222", channelMetaId: "111", timestamp: new Date(1764000000000), answers: [{ questionId: surveyQuestionId(SURVEY), type: "csat", payload: "4", comment: "Great help" }] }),
    ]);
    expect(surveyAnswersOf((items[0] as Extract<WebhookItem, { type: "feedback" }>).answers)).toEqual([{ surveyId: SURVEY, rating: 4, comment: "Great help" }]);
  });

  it("keeps only our CSAT questions with a 1–5 score", () => {
    const { items } = parse(
      body({
        [surveyQuestionId(SURVEY)]: { type: "csat", payload: "9" },
        other: { type: "csat", payload: "3" },
        [surveyQuestionId("00000000-0000-4000-8000-000000000001")]: { type: "nps", payload: "3" },
        [surveyQuestionId("00000000-0000-4000-8000-000000000002")]: { type: "CSAT ", payload: 2 },
      }),
    );
    expect(surveyAnswersOf((items[0] as Extract<WebhookItem, { type: "feedback" }>).answers)).toEqual([{ surveyId: "00000000-0000-4000-8000-000000000002", rating: 2, comment: null }]);
  });

  it("an event without answers is ignored with its reason", () => {
    const { items, ignored } = parse(body({}));
    expect(items).toEqual([]);
    expect(ignored[0]!.reason).toMatch(/messaging_feedback without answers/);
  });
});

describe("survey content", () => {
  it("Messenger: one screen, one CSAT question 1–5 with our id, the privacy URL, an expiry", () => {
    const message = surveyMessage({ platform: "MESSENGER", surveyId: SURVEY, question: "How did we do?", channelName: "Maison Lumière", privacyUrl: "https://x.test/p" });
    expect(message).toEqual({
      attachment: {
        type: "template",
        payload: expect.objectContaining({
          template_type: "customer_feedback",
          title: "Rate your experience with Maison Lumière",
          business_privacy: { url: "https://x.test/p" },
          expires_in_days: 3,
          feedback_screens: [{ questions: [expect.objectContaining({ id: surveyQuestionId(SURVEY), type: "csat", title: "How did we do?", score_option: "one_to_five" })] }],
        }),
      },
    });
  });

  it("Messenger: a long channel name is cut to Meta's 65-character title", () => {
    const message = surveyMessage({ platform: "MESSENGER", surveyId: SURVEY, question: "Q", channelName: "x".repeat(100), privacyUrl: "https://x.test/p" }) as { attachment: { payload: { title: string } } };
    expect([...message.attachment.payload.title]).toHaveLength(65);
  });

  it("Instagram: the question and five quick replies; the stored text gives the question back", () => {
    const message = surveyMessage({ platform: "INSTAGRAM", surveyId: SURVEY, question: "How did we do?", channelName: "x", privacyUrl: "" }) as { text: string; quick_replies: { title: string; payload: string }[] };
    expect(message.text).toBe(surveyText("INSTAGRAM", "How did we do?"));
    expect(surveyQuestionOf(message.text)).toBe("How did we do?");
    expect(message.quick_replies.map((q) => [q.title, parseSurveyQuickReply(q.payload)?.rating])).toEqual([["1", 1], ["2", 2], ["3", 3], ["4", 4], ["5", 5]]);
  });
});

describe("when to ask", () => {
  const now = new Date("2026-12-06T12:00:00Z");
  const daysAgo = (d: number, ms = 0) => new Date(now.getTime() - d * 86_400_000 - ms);
  it.each([
    [false, null, false],
    [true, null, true],
    [true, daysAgo(CSAT_REASK_AFTER_DAYS, -1), false],
    [true, daysAgo(CSAT_REASK_AFTER_DAYS), true],
    [true, daysAgo(1), false],
  ])("enabled %s, last asked %s → %s", (enabled, lastAskedAt, expected) => {
    expect(shouldAskOnResolve({ enabled, lastAskedAt, now })).toBe(expected);
  });

  it("satisfied means 4 or 5", () => {
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([false, false, false, true, true]);
  });
});
