// Surveys: Messenger's Customer Feedback Template (send validation, window, the person's rating as a
// `messaging_feedback` webhook, once) and quick replies answered by the person (`quick_reply.payload`).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { DAY, HOUR } from "../src/clock";
import type { ConversationRec } from "../src/world";
import { T0, graph, startReceiver, startTestSim, type Receiver } from "./helpers";

let sim: RunningSimulator;
let rx: Receiver;
let maison: string;
let ig: string;

beforeAll(async () => {
  rx = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: rx.url } });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  ig = pages[0]!.igAccountId!;
  const sub = await graph(sim.url, "POST", `/${maison}/subscribed_apps`, { access_token: sim.pageToken(maison), subscribed_fields: "messages,messaging_feedback" });
  expect(sub.json).toEqual({ success: true });
});
afterAll(async () => {
  await sim.close();
  await rx.close();
});

let people = 0;
/** A new person who wrote `ageMs` ago (the clock is frozen at T0). */
async function convAged(channelId: string, ageMs: number): Promise<ConversationRec> {
  const r = await sim.control<{ conversationId: string }>("POST", "/customer/message", { channelId, newContact: { name: `Survey Person ${++people}` }, text: "Hello" });
  if (ageMs > 0) await sim.control("POST", `/conversations/${r.conversationId}/age`, { ms: ageMs });
  return sim.sim.world.conversations.get(r.conversationId)!;
}

const template = (overrides: Record<string, unknown> = {}, question: Record<string, unknown> = {}) => ({
  attachment: {
    type: "template",
    payload: {
      template_type: "customer_feedback",
      title: "Rate your experience with Maison Lumière",
      subtitle: "One question, ten seconds",
      button_title: "Rate experience",
      feedback_screens: [{ questions: [{ id: "csat1234", type: "csat", title: "How was our help?", score_label: "neg_pos", score_option: "one_to_five", follow_up: { type: "free_form", placeholder: "Tell us more" }, ...question }] }],
      business_privacy: { url: "https://example.com/privacy" },
      expires_in_days: 3,
      ...overrides,
    },
  },
});

async function send(pageId: string, body: Record<string, unknown>) {
  return graph(sim.url, "POST", `/${pageId}/messages`, { access_token: sim.pageToken(pageId), ...body });
}

describe("customer feedback template", () => {
  it("goes out as RESPONSE inside 24 h and is refused after 24 h without a tag (10/2018278)", async () => {
    const fresh = await convAged(maison, 2 * HOUR);
    const ok = await send(maison, { recipient: { id: fresh.contactId }, messaging_type: "RESPONSE", message: template() });
    expect(ok.status).toBe(200);
    const old = await convAged(maison, 25 * HOUR);
    const refused = await send(maison, { recipient: { id: old.contactId }, messaging_type: "RESPONSE", message: template() });
    expect(refused.json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it("CUSTOMER_FEEDBACK tag: only with the template, up to 7 days", async () => {
    const old = await convAged(maison, 25 * HOUR);
    const tagged = await send(maison, { recipient: { id: old.contactId }, messaging_type: "MESSAGE_TAG", tag: "CUSTOMER_FEEDBACK", message: template() });
    expect(tagged.status).toBe(200);
    const text = await send(maison, { recipient: { id: old.contactId }, messaging_type: "MESSAGE_TAG", tag: "CUSTOMER_FEEDBACK", message: { text: "How did we do?" } });
    expect(text.json).toMatchObject({ error: { code: 100 } });
    const week = await convAged(maison, 8 * DAY);
    const late = await send(maison, { recipient: { id: week.contactId }, messaging_type: "MESSAGE_TAG", tag: "CUSTOMER_FEEDBACK", message: template() });
    expect(late.json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it.each([
    ["two questions", template({}, {}), (p: Record<string, unknown>) => ((p.feedback_screens as Array<{ questions: unknown[] }>)[0]!.questions.push({ id: "b", type: "nps" }))],
    ["two screens", template(), (p: Record<string, unknown>) => (p.feedback_screens as unknown[]).push({ questions: [{ id: "c", type: "csat" }] })],
    ["unknown question type", template({}, { type: "stars" }), () => undefined],
    ["score option of another type", template({}, { score_option: "zero_to_ten" }), () => undefined],
    ["no privacy URL", template({ business_privacy: undefined }), () => undefined],
    ["expiry beyond 7 days", template({ expires_in_days: 8 }), () => undefined],
    ["question id with a dash", template({}, { id: "a-b" }), () => undefined],
  ])("refuses %s with code 100", async (_name, message, mutate) => {
    mutate((message.attachment as { payload: Record<string, unknown> }).payload);
    const conv = await convAged(maison, 2 * HOUR);
    const r = await send(maison, { recipient: { id: conv.contactId }, message });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ error: { code: 100 } });
  });

  it("is refused on Instagram", async () => {
    const conv = await convAged(ig, 2 * HOUR);
    const r = await send(maison, { recipient: { id: conv.contactId }, message: template() });
    expect(r.json).toMatchObject({ error: { code: 100 } });
  });

  it("the person's rating arrives once as messaging_feedback, with the question id and the follow-up", async () => {
    const conv = await convAged(maison, 3 * HOUR);
    const sent = await send(maison, { recipient: { id: conv.contactId }, message: template({}, { id: "csat_q42" }) });
    const mid = sent.json.message_id as string;
    const before = rx.items().length;
    const r = await sim.control<{ messageId: string }>("POST", "/customer/feedback", { channelId: maison, contactId: conv.contactId, score: 4, comment: "Quick and kind" });
    expect(r.messageId).toBe(mid);
    await rx.waitFor((x) => x.items().slice(before).some((i) => "messaging_feedback" in i.item));
    const item = rx.items().slice(before).find((i) => "messaging_feedback" in i.item)!;
    expect(item.item).toEqual({
      sender: { id: conv.contactId },
      recipient: { id: maison },
      timestamp: T0,
      messaging_feedback: { feedback_screens: [{ screen_id: 0, questions: { csat_q42: { type: "csat", payload: "4", follow_up: { type: "free_form", payload: "Quick and kind" } } } }] },
    });
    await expect(sim.control("POST", "/customer/feedback", { channelId: maison, contactId: conv.contactId, mid, score: 5 })).rejects.toThrow(/already answered/);
    // Not a window opener: the conversation's opener is unchanged.
    expect(sim.sim.world.conversations.get(conv.id)!.lastOpenerAt).toBe(conv.lastOpenerAt);
  });

  it("refuses a score outside 1–5 and an expired template", async () => {
    const conv = await convAged(maison, 4 * HOUR);
    await send(maison, { recipient: { id: conv.contactId }, message: template({ expires_in_days: 1 }) });
    await expect(sim.control("POST", "/customer/feedback", { channelId: maison, contactId: conv.contactId, score: 6 })).rejects.toThrow(/1 to 5/);
    await sim.control("POST", "/clock", { advanceDays: 1 });
    try {
      await expect(sim.control("POST", "/customer/feedback", { channelId: maison, contactId: conv.contactId, score: 3 })).rejects.toThrow(/expired/);
    } finally {
      await sim.control("POST", "/clock", { set: T0 });
    }
  });
});

describe("quick replies", () => {
  it("Instagram: the person taps one → a message with quick_reply.payload; only the latest Page message offers them", async () => {
    const conv = await convAged(ig, 2 * HOUR);
    const quick_replies = [1, 2, 3, 4, 5].map((n) => ({ content_type: "text", title: String(n), payload: `CSAT:abc:${n}` }));
    const sent = await send(maison, { recipient: { id: conv.contactId }, message: { text: "How did we do? 1–5", quick_replies } });
    expect(sent.status).toBe(200);
    const r = await sim.control<{ messageId: string }>("POST", "/customer/quick-reply", { channelId: ig, contactId: conv.contactId, payload: "CSAT:abc:5" });
    const m = sim.sim.world.messages.get(r.messageId)!;
    expect(m).toMatchObject({ text: "5", quickReplyPayload: "CSAT:abc:5", fromPage: false });
    await expect(sim.control("POST", "/customer/quick-reply", { channelId: ig, contactId: conv.contactId, payload: "CSAT:abc:4" })).rejects.toThrow(/no quick replies/);
  });
});
