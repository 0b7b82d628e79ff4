// Satisfaction surveys against the Meta simulator: asked on resolve through the outbox (Messenger's feedback
// template, Instagram's quick replies) only as RESPONSE inside 24 h, blocked and audited after it without a
// call to Meta, at most once a week per conversation; answers from real webhooks stored once under replay.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeConversationStatus } from "@/lib/conversations/change-conversation-status";
import { db } from "@/lib/db";
import { attemptOutboxSend } from "@/lib/send/attempt-outbox-send";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { applyWebhookBatch } from "@/lib/webhooks/apply-webhook-batch";
import { readWebhookEnvelope, webhookItems } from "@/lib/webhooks/parse-webhook";
import { startSendHarness, type HarnessConversation, type SendHarness } from "@/scripts/testing/send-harness";
import { quickReplyPayload, surveyQuestionId } from "./csat-survey";

let h: SendHarness;
beforeAll(async () => {
  h = await startSendHarness();
  await db.csatSetting.create({ data: { accountId: h.accountId, enabled: true, question: "How did Alex do?", privacyUrl: "https://example.com/privacy" } });
  // The harness subscribes to echoes; the survey's answer needs messaging_feedback too.
  const sub = await fetch(`${h.sim.url}/v24.0/${h.messenger.metaId}/subscribed_apps?subscribed_fields=messages,message_echoes,messaging_feedback`, {
    method: "POST",
    headers: { authorization: `Bearer ${h.sim.pageToken(h.messenger.metaId)}` },
  });
  expect(sub.ok).toBe(true);
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.clearSendLog();
});

async function resolve(conversation: HarnessConversation) {
  await db.conversation.update({ where: { id: conversation.id }, data: { assigneeId: h.agent.id } });
  return changeConversationStatus({ actor: h.agent, conversationId: conversation.id, change: { status: "RESOLVED" } });
}

const surveysOf = (conversationId: string) => db.csatSurvey.findMany({ where: { conversationId }, orderBy: { askedAt: "asc" } });

/** The webhook bodies the simulator delivered since `since` that carry `key` (e.g. "messaging_feedback"). */
async function webhookBodies(since: number, key: string): Promise<string[]> {
  await h.drainWebhooks();
  const log = await h.sim.control<{ data: { id: number; body: string; outcome: string }[] }>("GET", `/webhooks/log?since=${since}&limit=1000`);
  return log.data.filter((e) => e.body.includes(`"${key}"`)).map((e) => e.body);
}
async function lastWebhookId(): Promise<number> {
  const log = await h.sim.control<{ data: { id: number }[] }>("GET", "/webhooks/log?limit=100000");
  return Math.max(0, ...log.data.map((e) => e.id));
}
/** What the webhook processor does with a stored body: parse, then apply in one transaction. */
async function apply(...bodies: string[]) {
  const items = bodies.flatMap((body) => {
    const read = readWebhookEnvelope(body);
    if (!read.ok) throw new Error(read.reason);
    return webhookItems(read.envelope).items;
  });
  await db.$transaction((tx) => applyWebhookBatch(tx, items, { ourAppId: process.env.META_APP_ID!, realtime: new RealtimeBatch() }));
}

describe("survey on resolve", () => {
  it("Messenger inside 24 h: the feedback template goes out as RESPONSE without a tag, for the assignee at resolve", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    await resolve(conversation);
    const [survey] = await surveysOf(conversation.id);
    expect(survey).toMatchObject({ agentId: h.agent.id, channelId: h.messenger.id, blockedReason: null, rating: null });
    expect(await attemptOutboxSend(survey!.messageId!, "automatic")).toEqual({ status: "SENT" });

    const log = await h.sendLog(h.messenger.metaId);
    expect(log).toHaveLength(1);
    expect(log[0]!.status).toBe(200);
    expect(log[0]!.request.messaging_type).toBe("RESPONSE");
    expect(log[0]!.request).not.toHaveProperty("tag");
    const payload = (log[0]!.request.message as { attachment: { type: string; payload: Record<string, unknown> } }).attachment;
    expect(payload.type).toBe("template");
    expect(payload.payload).toMatchObject({
      template_type: "customer_feedback",
      business_privacy: { url: "https://example.com/privacy" },
      feedback_screens: [{ questions: [{ id: surveyQuestionId(survey!.id), type: "csat", title: "How did Alex do?", score_option: "one_to_five" }] }],
    });
    const message = await db.message.findUniqueOrThrow({ where: { id: survey!.messageId! } });
    expect(message).toMatchObject({ senderKind: "OUR_APP", agentId: null, messagingType: "RESPONSE", tag: null, sendStatus: "SENT", text: "How did Alex do?" });
    const allowed = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.allowed" } });
    expect(allowed.data).toMatchObject({ automation: "csat", inputs: { sender: "AUTOMATION" }, decision: { allowed: true, messagingType: "RESPONSE", tag: null } });
  });

  it("Instagram inside 24 h: the question with quick replies 1–5, no tag", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 20 });
    await resolve(conversation);
    const [survey] = await surveysOf(conversation.id);
    expect(await attemptOutboxSend(survey!.messageId!, "automatic")).toEqual({ status: "SENT" });
    const [entry] = await h.sendLog(h.instagram.metaId);
    expect(entry!.request).not.toHaveProperty("tag");
    expect(entry!.request.messaging_type).toBe("RESPONSE");
    expect(entry!.request.message).toMatchObject({
      text: "How did Alex do? (1 = poor, 5 = great)",
      quick_replies: [1, 2, 3, 4, 5].map((n) => ({ content_type: "text", title: String(n), payload: quickReplyPayload(survey!.id, n) })),
    });
  });

  it.each([
    ["Messenger, 25 h (Human Agent feature on: automation still may not use it)", () => h.messenger, { hours: 25 }, "AUTOMATION_OUTSIDE_STANDARD_WINDOW"],
    ["Instagram, 3 days", () => h.instagram, { days: 3 }, "AUTOMATION_OUTSIDE_STANDARD_WINDOW"],
    ["Messenger, 8 days", () => h.messenger, { days: 8 }, "WINDOW_CLOSED"],
  ] as const)("%s: blocked and audited, nothing stored to send, Meta not called", async (_name, channel, age, reason) => {
    const conversation = await h.conversation(channel(), age);
    const requestsBefore = (await h.sim.control<{ data: unknown[] }>("GET", "/requests?limit=100000")).data.length;
    await resolve(conversation);
    const surveys = await surveysOf(conversation.id);
    expect(surveys).toHaveLength(1);
    expect(surveys[0]).toMatchObject({ messageId: null, blockedReason: reason });
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
    const blocked = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.blocked" } });
    expect(blocked.data).toMatchObject({ automation: "csat", inputs: { sender: "AUTOMATION" }, decision: { allowed: false, reason } });
    expect(await h.sendLog()).toHaveLength(0);
    expect((await h.sim.control<{ data: unknown[] }>("GET", "/requests?limit=100000")).data.length).toBe(requestsBefore);
  });

  it("a survey waiting in the outbox past 24 h is blocked at send time (the outbox decides again)", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 23, minutes: 50 });
    await resolve(conversation);
    const [survey] = await surveysOf(conversation.id);
    // Time passes before the outbox gets to it: the person's message is now 25 h old.
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 25 * 3_600_000) } });
    expect(await attemptOutboxSend(survey!.messageId!, "automatic")).toMatchObject({ status: "BLOCKED", decision: { reason: "AUTOMATION_OUTSIDE_STANDARD_WINDOW" } });
    expect(await h.sendLog()).toHaveLength(0);
  });

  it("asked at most once a week per conversation; off asks nothing", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await resolve(conversation);
    await changeConversationStatus({ actor: h.agent, conversationId: conversation.id, change: { status: "OPEN" } });
    await resolve(conversation);
    expect(await surveysOf(conversation.id)).toHaveLength(1);

    await db.csatSetting.update({ where: { accountId: h.accountId }, data: { enabled: false } });
    try {
      const other = await h.conversation(h.messenger, { hours: 1 });
      await resolve(other);
      expect(await surveysOf(other.id)).toHaveLength(0);
    } finally {
      await db.csatSetting.update({ where: { accountId: h.accountId }, data: { enabled: true } });
    }
  });
});

describe("answers", () => {
  it("Messenger: the person's rating from the feedback template is stored once, with the comment, under replay", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 3 });
    await resolve(conversation);
    const [survey] = await surveysOf(conversation.id);
    await attemptOutboxSend(survey!.messageId!, "automatic");
    const since = await lastWebhookId();
    await h.sim.control("POST", "/customer/feedback", { channelId: h.messenger.metaId, contactId: conversation.contactId, score: 4, comment: "Quick and kind" });
    const [body] = await webhookBodies(since, "messaging_feedback");
    expect(body).toBeDefined();

    // Meta delivers at least once: the same body twice in one batch, then again later.
    await apply(body!, body!);
    await apply(body!);
    // A forged later answer to the same survey (another score) changes nothing either.
    const forged = body!.replace('"payload":"4"', '"payload":"1"');
    expect(forged).not.toBe(body);
    await apply(forged);
    const stored = await db.csatSurvey.findUniqueOrThrow({ where: { id: survey!.id } });
    expect(stored).toMatchObject({ rating: 4, comment: "Quick and kind" });
    expect(stored.answeredAt).toBeInstanceOf(Date);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).status).toBe("RESOLVED");
  });

  it("Instagram: the tapped quick reply rates the survey once and does not reopen the conversation", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    await resolve(conversation);
    const [survey] = await surveysOf(conversation.id);
    await attemptOutboxSend(survey!.messageId!, "automatic");
    const since = await lastWebhookId();
    await h.sim.control("POST", "/customer/quick-reply", { channelId: h.instagram.metaId, contactId: conversation.contactId, payload: quickReplyPayload(survey!.id, 5) });
    const bodies = await webhookBodies(since, "quick_reply");
    expect(bodies).toHaveLength(1);
    await apply(bodies[0]!);
    await apply(bodies[0]!);
    expect(await db.csatSurvey.findUniqueOrThrow({ where: { id: survey!.id } })).toMatchObject({ rating: 5, comment: null });
    const after = await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after.status).toBe("RESOLVED");
    // The tap is still the person's message in the thread.
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "INBOUND", text: "5" } })).toBe(1);
  });

  it("an answer naming another conversation's survey is ignored", async () => {
    const asked = await h.conversation(h.instagram, { hours: 1 });
    await resolve(asked);
    const [survey] = await surveysOf(asked.id);
    await attemptOutboxSend(survey!.messageId!, "automatic");
    const stranger = await h.conversation(h.instagram, { hours: 1 });
    const since = await lastWebhookId();
    // The stranger sends a message carrying the other person's survey payload.
    await h.sim.control("POST", "/customer/message", { channelId: h.instagram.metaId, contactId: stranger.contactId, text: "1", quickReplyPayload: quickReplyPayload(survey!.id, 1) });
    await apply(...(await webhookBodies(since, "quick_reply")));
    expect((await db.csatSurvey.findUniqueOrThrow({ where: { id: survey!.id } })).rating).toBeNull();
  });
});
