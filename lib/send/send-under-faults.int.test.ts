// The send API under every class of Meta fault, scripted at the simulator, with the Graph client created by
// ANOTHER copy of lib/meta (as in production, where the worker bundle creates the process-wide client and the
// route bundle sees its errors). For each class: what the request answers (never 5xx, within 12 s), where
// the message ends, and exactly how many Send API calls and thread reads Meta received — the numbers the
// README promises (at most 5 Send API calls per message, the HUMAN_AGENT fallback included; a read of the
// thread before any resend of a call Meta never confirmed).
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { toErrorResponse } from "@/lib/errors";
import type { MessageView } from "@/lib/messages/message-view";
import { GraphApiError } from "@/lib/meta/graph-error";
import { startSendHarness, type HarnessConversation, type SendHarness } from "@/scripts/testing/send-harness";
import { retryOutboxMessage } from "./retry-outbox-message";
import { sendAgentMessage } from "./send-agent-message";
import { configureSending, DEFAULT_SEND_SETTINGS, type SendSettings } from "./send-settings";

const FAST: Partial<SendSettings> = {
  maxSendAttempts: DEFAULT_SEND_SETTINGS.maxSendAttempts,
  graphSendTimeoutMs: 800,
  readBackTimeoutMs: 800,
  echoWaitMs: 1_500,
  retryBaseDelayMs: 100,
  retryMaxDelayMs: 400,
  inlineBudgetMs: 1_500,
  minCallMs: 200,
};

let h: SendHarness;
let restoreSettings: () => void;

/** The process-wide Graph client as another server bundle creates it: its own copy of every lib/meta class. */
async function graphClientOfAnotherBundle() {
  vi.resetModules();
  const [{ GraphClient }, { Pacer }, errors] = await Promise.all([import("@/lib/meta/graph-client"), import("@/lib/meta/pacer"), import("@/lib/meta/graph-error")]);
  const client = new GraphClient({ baseUrl: process.env.META_GRAPH_BASE_URL!, version: "v24.0", appSecret: process.env.META_APP_SECRET });
  // lib/meta/graph.ts's holder: one client per connection kind (this test's channels are Facebook Login).
  (globalThis as { __inboxGraph?: unknown }).__inboxGraph = { clients: { FACEBOOK_LOGIN: client, INSTAGRAM_LOGIN: client }, conversationsPacer: new Pacer(2) };
  return errors.GraphApiError;
}

beforeAll(async () => {
  h = await startSendHarness();
  restoreSettings = configureSending(FAST);
  expect(await graphClientOfAnotherBundle()).not.toBe(GraphApiError);
  await h.startJobWorker();
});
afterAll(async () => {
  restoreSettings?.();
  await h?.close();
});
beforeEach(async () => {
  configureSending(FAST);
  await h.releaseEchoes();
  await h.sim.control("DELETE", "/faults");
  await h.sim.control("POST", "/faults", { timeoutHoldMs: 5_000 });
  await h.clearSendLog();
});

const fault = (body: Record<string, unknown>) => h.sim.control("POST", "/faults/scripted", { endpoint: "send", ...body });
const stored = (id: string) => db.message.findUniqueOrThrow({ where: { id } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const settled = (id: string, timeout = 8_000) =>
  expect.poll(async () => (await stored(id)).sendStatus, { timeout, interval: 50 }).not.toBe("PENDING");

interface Answer {
  status: number;
  ms: number;
  message: MessageView;
}

/** What `POST /api/conversations/{id}/messages` answers: the route is sendAgentMessage + toErrorResponse. */
async function reply(conversation: HarnessConversation, text = `Your refund is on its way (${crypto.randomUUID().slice(0, 8)})`): Promise<Answer & { text: string }> {
  const started = Date.now();
  try {
    const { status, message } = await sendAgentMessage({ agent: h.agent, conversationId: conversation.id, idempotencyKey: crypto.randomUUID(), input: { text } });
    return { status, ms: Date.now() - started, message, text };
  } catch (error) {
    const response = toErrorResponse(error);
    throw new Error(`the send API would answer ${response.status}: ${await response.text()}`);
  }
}

/** What `POST /api/messages/{id}/retry` answers. */
async function retry(messageId: string): Promise<Answer> {
  const started = Date.now();
  try {
    const { message } = await retryOutboxMessage({ agent: h.agent, messageId });
    return { status: 200, ms: Date.now() - started, message };
  } catch (error) {
    const response = toErrorResponse(error);
    throw new Error(`the retry API would answer ${response.status}: ${await response.text()}`);
  }
}

function answeredInTime(answer: Answer) {
  expect(answer.status).toBeLessThan(500);
  expect(answer.ms).toBeLessThan(12_000);
}

/** Send API calls and thread reads Meta received since the test began (only this test's message is in flight). */
const calls = async () => ({ sends: (await h.sendLog()).length, reads: (await h.conversationReads()).length });

describe("permanent refusal", () => {
  it("100/2018001: FAILED at once in the agent's words with fbtrace_id; Meta receives it once, ever", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ objectId: h.messenger.metaId, effect: "error", error: { code: 100, subcode: 2018001, status: 400 } });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer).toMatchObject({ status: 201, message: { sendStatus: "FAILED", error: { code: 100, subcode: 2018001, action: "none" } } });
    expect(answer.message.error!.message).toMatch(/does not recognise this person/);
    expect(answer.message.error!.fbtraceId).toMatch(/[\w-]{6,}/);
    // Past the lease after which the outbox job would have taken over: nothing more reaches Meta.
    await sleep(FAST.readBackTimeoutMs! + FAST.graphSendTimeoutMs! + FAST.echoWaitMs! + 500);
    expect(await calls()).toEqual({ sends: 1, reads: 0 });
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "FAILED", sendAttempts: 1 });
  });
});

describe("transient errors", () => {
  it("5xx twice, then OK: retried on the backoff (not after the safety net), the thread read before each resend", async () => {
    // A long echo wait: the old safety net (timeout + echo wait) would only fire after 20 s.
    configureSending({ ...FAST, echoWaitMs: 20_000 });
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "serverError", times: 2 });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer).toMatchObject({ status: 201, message: { sendStatus: "PENDING", error: { code: 2, action: "retry" } } });
    await settled(answer.message.id, 5_000);
    expect((await h.sendLog()).map((e) => e.status)).toEqual([500, 500, 200]);
    expect(await calls()).toEqual({ sends: 3, reads: 2 });
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "SENT", sendAttempts: 3, sendChecks: 2 });
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });

  it("throttling, then OK: Meta did nothing, so it is sent again without a read", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "rateLimit" });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer.message).toMatchObject({ sendStatus: "PENDING", error: { code: 80006, action: "wait" } });
    await settled(answer.message.id);
    expect((await h.sendLog()).map((e) => e.errorCode)).toEqual([80006, null]);
    expect(await calls()).toEqual({ sends: 2, reads: 0 });
  });

  it("throttled on every call: FAILED after exactly 5 Send API calls", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "rateLimit", times: 10 });
    const answer = await reply(conversation);
    answeredInTime(answer);
    await settled(answer.message.id, 10_000);
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "FAILED", errorCode: 80006, sendAttempts: 5 });
    expect(await calls()).toEqual({ sends: 5, reads: 0 });
  });
});

describe("no answer", () => {
  it("a hang with the production timeouts: PENDING within 12 s, shown as waiting for Meta", async () => {
    configureSending({ ...DEFAULT_SEND_SETTINGS });
    await h.sim.control("POST", "/faults", { timeoutHoldMs: 30_000 });
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "hang" });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer.ms).toBeGreaterThanOrEqual(DEFAULT_SEND_SETTINGS.graphSendTimeoutMs - 100);
    expect(answer.message).toMatchObject({ sendStatus: "PENDING", error: null });
    expect(await calls()).toEqual({ sends: 1, reads: 0 });
    // Not sent again before the echo wait and a read of the thread.
    expect(await stored(answer.message.id)).toMatchObject({ sendAttempts: 1, nextAttemptAt: expect.any(Date) });
    expect((await stored(answer.message.id)).nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
    await db.message.update({ where: { id: answer.message.id }, data: { sendStatus: "FAILED" } }); // stop it here
  });

  it("a hang that performed nothing: after the echo wait the thread is read, then it is sent once more", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "hang" });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer.message.sendStatus).toBe("PENDING");
    await settled(answer.message.id);
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "SENT", sendAttempts: 2, sendChecks: 1 });
    expect(await calls()).toEqual({ sends: 2, reads: 1 });
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });

  it("a timeout whose echo is lost: the read-back finds the message at Meta, nothing is sent twice", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    h.echoes.mode = "drop";
    await fault({ effect: "timeout" });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer.message.sendStatus).toBe("PENDING");
    await settled(answer.message.id);
    const log = await h.sendLog();
    expect(await calls()).toEqual({ sends: 1, reads: 1 });
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "SENT", mid: log[0]!.messageId, sendAttempts: 1 });
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });

  it("1/1357046 whose echo is lost: the same", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    h.echoes.mode = "drop";
    await fault({ effect: "errorAfterSend" });
    const answer = await reply(conversation);
    expect(answer.message).toMatchObject({ sendStatus: "PENDING", error: { code: 1, subcode: 1357046, action: "wait" } });
    await settled(answer.message.id);
    expect(await calls()).toEqual({ sends: 1, reads: 1 });
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "SENT" });
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });

  it("while the thread cannot be read, nothing is sent blind; once it can, the decision is made", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "hang" });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "conversations", objectId: h.messenger.metaId, effect: "serverError", times: 2 });
    const answer = await reply(conversation);
    await settled(answer.message.id, 10_000);
    expect(await calls()).toEqual({ sends: 2, reads: 3 });
    expect((await h.conversationReads()).map((r) => r.status)).toEqual([500, 500, 200]);
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });

  it("a thread that stays unreadable ends FAILED 'unconfirmed' without a resend; Retry reads it first and finds the message", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    h.echoes.mode = "drop";
    await fault({ effect: "timeout" });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "conversations", objectId: h.messenger.metaId, effect: "serverError", times: 5 });
    const answer = await reply(conversation);
    await settled(answer.message.id, 15_000);
    const failed = await stored(answer.message.id);
    expect(failed).toMatchObject({ sendStatus: "FAILED", sendAttempts: 1, sendChecks: 5 });
    expect(await calls()).toEqual({ sends: 1, reads: 5 });

    const retried = await retry(answer.message.id);
    answeredInTime(retried);
    expect(retried.message.sendStatus).toBe("PENDING");
    await settled(answer.message.id);
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "SENT" });
    expect(await calls()).toEqual({ sends: 1, reads: 6 });
    expect(await h.copiesAtMeta(conversation, answer.text)).toBe(1);
  });
});

describe("invalid token (190)", () => {
  it("marks the channel at once, in the request; later sends fail without calling; after reconnecting, Retry sends it", async () => {
    const channel = h.noHumanAgent;
    const first = await h.conversation(channel, { hours: 1 });
    const second = await h.conversation(channel, { hours: 2 });
    await h.sim.control("POST", `/channels/${channel.metaId}/invalidate-token`);
    try {
      const answer = await reply(first);
      answeredInTime(answer);
      expect(answer.message).toMatchObject({ sendStatus: "FAILED", error: { code: 190, action: "reconnect" } });
      expect(await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).toMatchObject({ tokenStatus: "NEEDS_RECONNECT" });
      expect(await db.auditEvent.count({ where: { accountId: h.accountId, type: "channel.token_invalid" } })).toBe(1);
      const later = await reply(second);
      expect(later.message).toMatchObject({ sendStatus: "FAILED", error: { code: null, action: "reconnect" } });
      expect(await calls()).toEqual({ sends: 1, reads: 0 });

      await h.reconnect(channel);
      const retried = await retry(answer.message.id);
      answeredInTime(retried);
      expect(retried.message).toMatchObject({ sendStatus: "SENT", error: null });
      expect(await calls()).toEqual({ sends: 2, reads: 0 });
    } finally {
      await h.reconnect(channel);
    }
  });
});

describe("the HUMAN_AGENT fallback counts against the 5 calls", () => {
  it("four service errors, then Meta refuses the RESPONSE as outside the window: no 6th call", async () => {
    // Our record says 2 h; Meta's says 30 h: every RESPONSE is refused, HUMAN_AGENT would be allowed.
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 2 * 3_600_000) } });
    await fault({ effect: "serverError", times: 4 });
    const answer = await reply(conversation);
    answeredInTime(answer);
    await settled(answer.message.id, 15_000);
    expect((await h.sendLog()).map((e) => [e.request.messaging_type, e.errorCode, e.errorSubcode])).toEqual([
      ["RESPONSE", 2, null],
      ["RESPONSE", 2, null],
      ["RESPONSE", 2, null],
      ["RESPONSE", 2, null],
      ["RESPONSE", 10, 2018278],
    ]);
    expect(await calls()).toEqual({ sends: 5, reads: 4 });
    expect(await stored(answer.message.id)).toMatchObject({ sendStatus: "FAILED", errorCode: 10, errorSubcode: 2018278, sendAttempts: 5 });
  });

  it("with calls left it is the second call of the same request", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 2 * 3_600_000) } });
    const answer = await reply(conversation);
    answeredInTime(answer);
    expect(answer.message).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    expect(await calls()).toEqual({ sends: 2, reads: 0 });
  });
});
