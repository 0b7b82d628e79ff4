// Satisfaction surveys against the Meta simulator: asked on resolve through the outbox (Messenger's feedback
// template, Instagram's quick replies) only as RESPONSE inside 24 h, blocked and audited after it without a
// call to Meta, at most once a week per conversation; answers from real webhooks stored once under replay.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { changeConversationStatus } from "@/lib/conversations/change-conversation-status";
import { db } from "@/lib/db";
import { attemptOutboxSend } from "@/lib/send/attempt-outbox-send";
import { REPORT_CSV_COLUMNS } from "@/lib/reports/report-catalog";
import { runReport } from "@/lib/reports/run-report";
import { toCsv } from "@/lib/reports/to-csv";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { applyWebhookBatch } from "@/lib/webhooks/apply-webhook-batch";
import { readWebhookEnvelope, webhookItems } from "@/lib/webhooks/parse-webhook";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
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

describe("reports", () => {
  it("CSAT per agent / channel / label (count, average, % satisfied) and conversations per label", async () => {
    const account = await createAccount("CSAT report");
    const [messenger, instagram] = [await createChannel(account.id, { name: "Maison" }), await createChannel(account.id, { platform: "INSTAGRAM", name: "Maison IG" })];
    const [ana, ben] = [await createTestAgent(account.id, "ADMIN"), await createTestAgent(account.id, "AGENT")];
    await db.agent.update({ where: { id: ana.id }, data: { name: "Ana" } });
    await db.agent.update({ where: { id: ben.id }, data: { name: "Ben" } });
    const [refund, shipping] = [
      await db.label.create({ data: { accountId: account.id, name: "Refund", color: "red" } }),
      await db.label.create({ data: { accountId: account.id, name: "Shipping", color: "blue" } }),
    ];
    const now = Date.now();
    const rated = async (channel: { id: string; accountId: string }, agentId: string | null, rating: number | null, labelIds: string[], answeredMinutesAgo = 30) => {
      const conversation = await createConversation(channel, { hoursAgo: 2 });
      for (const labelId of labelIds) await db.conversationLabel.create({ data: { conversationId: conversation.id, labelId } });
      const message = await db.message.create({
        data: { accountId: account.id, channelId: channel.id, conversationId: conversation.id, direction: "OUTBOUND", senderKind: "OUR_APP", text: "Rate us", sentAt: new Date(now - 3_600_000), sendStatus: "SENT", mid: `m_${randomUUID()}` },
      });
      await db.csatSurvey.create({
        data: {
          accountId: account.id, conversationId: conversation.id, channelId: channel.id, agentId, messageId: message.id, askedAt: new Date(now - 3_600_000),
          rating, answeredAt: rating === null ? null : new Date(now - answeredMinutesAgo * 60_000),
        },
      });
      return conversation;
    };
    await rated(messenger, ana.id, 5, [refund.id]);
    await rated(messenger, ana.id, 2, [refund.id, shipping.id]);
    await rated(instagram, ben.id, 4, [shipping.id]);
    await rated(instagram, null, 3, []);
    await rated(instagram, ben.id, null, [shipping.id]); // asked, not answered: not a rating
    await rated(messenger, ben.id, 1, [], 60 * 24 * 40); // answered 40 days ago: outside the range
    const resolvedOne = await rated(messenger, ana.id, null, [refund.id]);
    await changeConversationStatus({ actor: asSession(ana), conversationId: resolvedOne.id, change: { status: "RESOLVED" } });

    // Yesterday and today: everything above happened within the last few hours, whatever the time of day.
    const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const scope = { accountId: account.id, timeZone: "UTC", range: { from: day(1), to: day(0) }, now: new Date() };
    const csat = await runReport("csat", scope);
    const by = (dimension: string, label: string) => csat.find((r) => r.dimension === dimension && r.label === label);
    expect(by("team", "Whole team")).toMatchObject({ ratings: 4, average: 3.5, satisfiedPercent: 50 });
    expect(by("agent", "Ana")).toMatchObject({ ratings: 2, average: 3.5, satisfiedPercent: 50 });
    expect(by("agent", "Ben")).toMatchObject({ ratings: 1, average: 4, satisfiedPercent: 100 });
    expect(by("agent", "Unassigned")).toMatchObject({ ratings: 1, average: 3, satisfiedPercent: 0 });
    expect(by("channel", "Maison")).toMatchObject({ ratings: 2, average: 3.5, platform: "MESSENGER" });
    expect(by("channel", "Maison IG")).toMatchObject({ ratings: 2, average: 3.5, satisfiedPercent: 50, platform: "INSTAGRAM" });
    expect(by("label", "Refund")).toMatchObject({ ratings: 2, average: 3.5, satisfiedPercent: 50 });
    expect(by("label", "Shipping")).toMatchObject({ ratings: 2, average: 3, satisfiedPercent: 50 });
    expect(toCsv(REPORT_CSV_COLUMNS.csat, csat).replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("breakdown,id,name,platform,ratings,average_rating,satisfied_percent");
    // Instagram only.
    const igOnly = await runReport("csat", { ...scope, platform: "INSTAGRAM" as const });
    expect(igOnly.find((r) => r.dimension === "team")).toMatchObject({ ratings: 2 });

    // Surveys answer nothing and rating taps ask nothing: neither is a reply or a wait in the timing reports.
    const tapped = await rated(instagram, ben.id, 5, []);
    await db.message.create({
      data: { accountId: account.id, channelId: instagram.id, conversationId: tapped.id, direction: "INBOUND", senderKind: "CONTACT", text: "5", sentAt: new Date(now - 50 * 60_000), mid: `m_${randomUUID()}`, payload: { quickReply: quickReplyPayload(randomUUID(), 5) } },
    });
    for (const name of ["first-response-time", "reply-time"] as const) {
      expect((await runReport(name, scope)).filter((r) => r.count > 0)).toEqual([]);
    }

    const labels = await runReport("labels", scope);
    expect(labels.map((r) => [r.label, r.received, r.resolved])).toEqual([
      ["Refund", 3, 1],
      ["Shipping", 3, 0],
    ]);
  });
});
