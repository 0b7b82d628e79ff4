// What happens when Meta does not simply say yes: unknown outcomes settled by the echo, automatic retries,
// permanent failures in the agent's language, channel consequences, the HUMAN_AGENT fallback, the agent's
// retry — against the Meta simulator's fault injection, with the outbox job running.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { outboxMetadata } from "./outbox-metadata";
import { retryOutboxMessage } from "./retry-outbox-message";
import { sendAgentMessage } from "./send-agent-message";
import { SEND_DELIVER_QUEUE } from "./send-queue";
import { configureSending } from "./send-settings";

let h: SendHarness;
let restoreSettings: () => void;
beforeAll(async () => {
  h = await startSendHarness();
  restoreSettings = configureSending({ maxSendAttempts: 3, graphSendTimeoutMs: 800, readBackTimeoutMs: 800, inlineBudgetMs: 1_500, minCallMs: 200, echoWaitMs: 1_500, retryBaseDelayMs: 100, retryMaxDelayMs: 400 });
  await h.startJobWorker();
});
afterAll(async () => {
  restoreSettings?.();
  await h?.close();
});
beforeEach(async () => {
  await h.releaseEchoes();
  await h.sim.control("DELETE", "/faults");
  await h.clearSendLog();
});

const send = (conversationId: string, text = "Your refund is on its way.") =>
  sendAgentMessage({ agent: h.agent, conversationId, idempotencyKey: crypto.randomUUID(), input: { text } });
const fault = (body: Record<string, unknown>) => h.sim.control("POST", "/faults/scripted", { endpoint: "send", ...body });
const stored = (id: string) => db.message.findUniqueOrThrow({ where: { id } });
const auditTypes = async (conversationId: string) =>
  // The send decisions alone (a reply also assigns an unassigned conversation: send-agent-message.int.test.ts).
  (await db.auditEvent.findMany({ where: { conversationId, type: { startsWith: "send." } }, orderBy: { createdAt: "asc" } })).map((e) =>
    e.type === "send.failed" ? `send.failed:${(e.data as { final: boolean }).final ? "final" : "retry"}` : e.type,
  );
const settled = (id: string, timeout = 8_000) =>
  expect.poll(async () => (await stored(id)).sendStatus, { timeout, interval: 50 }).not.toBe("PENDING");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("outcome unknown", () => {
  it("a timeout is settled by the echo carrying our metadata; no second send, ever", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "timeout" });
    h.echoes.mode = "hold"; // the echo arrives after our call gave up
    const { status, message } = await send(conversation.id);
    expect(status).toBe(201);
    expect(message.sendStatus).toBe("PENDING");
    // Outcome unknown: the outbox job stays queued — it is what settles or re-sends the message.
    expect(await db.job.findMany({ where: { singletonKey: message.id }, select: { status: true } })).toEqual([{ status: "QUEUED" }]);
    await h.drainWebhooks();
    await h.releaseEchoes();
    await settled(message.id);
    const row = await stored(message.id);
    expect(row).toMatchObject({ sendStatus: "SENT", errorCode: null, errorMessage: null, sendAttempts: 1 });
    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(row.mid).toBe(log[0]!.messageId);
    await sleep(2_000); // past the echo wait: the outbox job finds it settled
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("when no echo comes within the echo wait and the thread at Meta has no copy, it is sent again with the same metadata", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "hang" });
    const { message } = await send(conversation.id);
    expect(message.sendStatus).toBe("PENDING");
    await settled(message.id);
    const log = await h.sendLog();
    expect(log.map((e) => (e.request.message as { metadata: string }).metadata)).toEqual([outboxMetadata(message.id), outboxMetadata(message.id)]);
    expect(await stored(message.id)).toMatchObject({ sendStatus: "SENT", mid: log[1]!.messageId, sendAttempts: 2, sendChecks: 1 });
  });

  it("1/1357046 after a successful send: the echo settles it, no duplicate", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "errorAfterSend" });
    h.echoes.mode = "hold";
    const { message } = await send(conversation.id);
    expect(message.sendStatus).toBe("PENDING");
    await h.drainWebhooks();
    await h.releaseEchoes();
    expect(message.error).toMatchObject({ code: 1, subcode: 1357046, action: "wait" });
    expect(message.error!.message).toMatch(/may still have been delivered/);
    await settled(message.id);
    expect(await stored(message.id)).toMatchObject({ sendStatus: "SENT", errorCode: null });
    await sleep(2_000);
    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(log[0]!.errorCode).toBe(1);
  });
});

describe("transient failures are retried automatically, within bounds", () => {
  it("5xx twice, then sent", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "serverError", times: 2 });
    const { message } = await send(conversation.id);
    expect(message).toMatchObject({ sendStatus: "PENDING", error: { code: 2 } });
    await settled(message.id);
    expect((await h.sendLog()).map((e) => e.status)).toEqual([500, 500, 200]);
    expect(await stored(message.id)).toMatchObject({ sendStatus: "SENT", sendAttempts: 3 });
    expect(await auditTypes(conversation.id)).toEqual(["send.allowed", "send.failed:retry", "send.failed:retry", "send.sent"]);
  });

  it("throttling, then sent", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "rateLimit" });
    const { message } = await send(conversation.id);
    expect(message.error).toMatchObject({ code: 80006, action: "wait" });
    await settled(message.id);
    expect((await h.sendLog()).map((e) => e.errorCode)).toEqual([80006, null]);
  });

  it("gives up after the last attempt and shows why", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "serverError", times: 10 });
    const { message } = await send(conversation.id);
    await settled(message.id);
    expect(await h.sendLog()).toHaveLength(3);
    // The last 5xx may hide a send: the thread is read back once more before it is given up.
    expect(await h.conversationReads()).toHaveLength(3);
    expect(await stored(message.id)).toMatchObject({ sendStatus: "FAILED", errorCode: 2, nextAttemptAt: null });
    expect(await auditTypes(conversation.id)).toEqual(["send.allowed", "send.failed:retry", "send.failed:retry", "send.failed:retry", "send.failed:final"]);
  });
});

describe("permanent failures are shown, not retried", () => {
  it("person unavailable (551): FAILED at once with fbtrace_id kept for support", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "error", error: { code: 551, message: "This person isn't available right now." } });
    const { status, message } = await send(conversation.id);
    expect(status).toBe(201);
    expect(message).toMatchObject({ sendStatus: "FAILED", error: { code: 551, action: "none" } });
    expect(message.error!.message).toMatch(/can't receive messages/);
    expect(message.error!.fbtraceId).toMatch(/[\w-]{6,}/);
    await sleep(600);
    expect(await h.sendLog()).toHaveLength(1);
    expect(await auditTypes(conversation.id)).toEqual(["send.allowed", "send.failed:final"]);
  });

  it("thread controlled by another app (2534037)", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    await fault({ effect: "error", error: { code: 100, subcode: 2534037 } });
    const { message } = await send(conversation.id);
    expect(message.error).toMatchObject({ action: "take_control" });
    expect(message.error!.message).toMatch(/Another app/);
  });

  it("Human Agent feature revoked at Meta: the send fails in plain words and the channel stops offering the tag", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    await h.sim.control("POST", `/channels/${h.messenger.metaId}/human-agent`, { enabled: false });
    try {
      const { message } = await send(conversation.id);
      expect(message).toMatchObject({ sendStatus: "FAILED", tag: "HUMAN_AGENT", error: { code: 10, subcode: null, action: "fix_channel" } });
      expect(message.error!.message).toMatch(/Human Agent feature/);
      const channel = await db.channel.findUniqueOrThrow({ where: { id: h.messenger.id } });
      expect(channel.humanAgentEnabled).toBe(false);
      const revoked = await db.auditEvent.findFirstOrThrow({ where: { accountId: h.accountId, type: "channel.human_agent_revoked" } });
      expect(revoked.data).toMatchObject({ channelId: h.messenger.id, messageId: message.id, code: 10 });

      // From now on the policy blocks such replies before Meta is called.
      const next = await send((await h.conversation(h.messenger, { hours: 40 })).id).catch((e: AppError) => e);
      expect(next).toMatchObject({ status: 422, details: { reason: "HUMAN_AGENT_FEATURE_MISSING" } });
      expect(await h.sendLog()).toHaveLength(1);
    } finally {
      await h.sim.control("POST", `/channels/${h.messenger.metaId}/human-agent`, { enabled: true });
      await db.channel.update({ where: { id: h.messenger.id }, data: { humanAgentEnabled: true } });
    }
  });
});

describe("Meta refuses a RESPONSE as outside the window", () => {
  it("human text inside 7 days goes once more as HUMAN_AGENT", async () => {
    // Our record says 2 h; Meta's says 30 h (e.g. a missed clock or a stale opener): Meta refuses RESPONSE.
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 2 * 3_600_000) } });
    const { message } = await send(conversation.id);
    expect(message).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const log = await h.sendLog();
    expect(log.map((e) => [e.request.messaging_type, e.errorCode, e.errorSubcode])).toEqual([
      ["RESPONSE", 10, 2018278],
      ["MESSAGE_TAG", null, null],
    ]);
    expect(await auditTypes(conversation.id)).toEqual(["send.allowed", "send.failed:retry", "send.allowed", "send.sent"]);
    const fallback = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.allowed" }, orderBy: { createdAt: "desc" } });
    expect(fallback.data).toMatchObject({ retry: "meta_outside_window", decision: { tag: "HUMAN_AGENT" } });
  });

  it("without the Human Agent feature it fails with Meta's reason, nothing more is sent", async () => {
    const conversation = await h.conversation(h.noHumanAgent, { hours: 30 });
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 3_600_000) } });

    const { message } = await send(conversation.id);
    expect(message).toMatchObject({ sendStatus: "FAILED", messagingType: "RESPONSE", error: { code: 10, subcode: 2018278 } });
    expect(await h.sendLog()).toHaveLength(1);
  });
});

describe("the agent's retry", () => {
  it("a message still PENDING (outcome unknown) cannot be retried by hand: its status settles on its own", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "errorAfterSend" });
    h.echoes.mode = "hold";
    const { message } = await send(conversation.id);
    expect(message.sendStatus).toBe("PENDING");
    expect(await retryOutboxMessage({ agent: h.agent, messageId: message.id }).catch((e: AppError) => e.status)).toBe(409);
    await h.drainWebhooks();
    await h.releaseEchoes();
    await settled(message.id);
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("sends the same outbox row again; a SENT message is refused", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "error", error: { code: 551 } });
    const { message } = await send(conversation.id);
    expect(message.sendStatus).toBe("FAILED");
    const retried = await retryOutboxMessage({ agent: h.agent, messageId: message.id });
    expect(retried.message).toMatchObject({ id: message.id, sendStatus: "SENT", error: null });
    const log = await h.sendLog();
    expect(log.map((e) => (e.request.message as { metadata: string }).metadata)).toEqual([outboxMetadata(message.id), outboxMetadata(message.id)]);
    expect((await retryOutboxMessage({ agent: h.agent, messageId: message.id }).catch((e: AppError) => e)) as AppError).toMatchObject({ status: 409 });
    const allowed = await db.auditEvent.findMany({ where: { conversationId: conversation.id, type: "send.allowed" }, orderBy: { createdAt: "asc" } });
    expect(allowed.map((e) => (e.data as { retry?: string }).retry)).toEqual([undefined, "agent"]);
  });

  it("re-evaluates the policy: after the window closed it answers 422 and Meta is not called", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "error", error: { code: 551 } });
    const { message } = await send(conversation.id);
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 8 * 24 * 3_600_000) } });
    const error = (await retryOutboxMessage({ agent: h.agent, messageId: message.id }).catch((e: AppError) => e)) as AppError;
    expect(error).toMatchObject({ status: 422, code: "window_closed", details: { reason: "WINDOW_CLOSED" } });
    expect(await stored(message.id)).toMatchObject({ sendStatus: "FAILED" });
    expect(await h.sendLog()).toHaveLength(1);
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.blocked" } })).toBe(1);
  });

  it("refuses messages of channels the agent does not work", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await fault({ effect: "error", error: { code: 551 } });
    const { message } = await send(conversation.id);
    const { createTestAgent, asSession } = await import("@/scripts/testing/factories");
    const outsider = asSession(await createTestAgent(h.accountId, "AGENT"));
    expect(await retryOutboxMessage({ agent: outsider, messageId: message.id }).catch((e: AppError) => e.status)).toBe(404);
  });
});

describe("the outbox job", () => {
  it("delivers a message whose first attempt never happened (the process died after storing it)", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const id = crypto.randomUUID();
    await db.message.create({
      data: {
        id,
        accountId: h.accountId,
        channelId: h.messenger.id,
        conversationId: conversation.id,
        direction: "OUTBOUND",
        senderKind: "AGENT",
        agentId: h.agent.id,
        text: "Stored, then the server restarted",
        sentAt: new Date(),
        messagingType: "RESPONSE",
        sendStatus: "PENDING",
        idempotencyKey: crypto.randomUUID(),
        sendMetadata: outboxMetadata(id),
      },
    });
    await enqueueJob(SEND_DELIVER_QUEUE, { messageId: id }, { singletonKey: id });
    await settled(id);
    expect(await stored(id)).toMatchObject({ sendStatus: "SENT", messagingType: "RESPONSE" });
    expect(await h.sendLog()).toHaveLength(1);
  });
});
