// The send API's domain function against the Meta simulator: the window policy at the moment of sending,
// what reaches Meta, idempotency, access.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { db } from "@/lib/db";
import { asSession, createAccount, createTestAgent } from "@/scripts/testing/factories";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { outboxMetadata } from "./outbox-metadata";
import { sendAgentMessage } from "./send-agent-message";
import { rejection } from "@/scripts/testing/app-error-of";

let h: SendHarness;
beforeAll(async () => {
  h = await startSendHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.releaseEchoes();
  await h.clearSendLog();
});

const key = () => crypto.randomUUID();
const send = (conversationId: string, input: Parameters<typeof sendAgentMessage>[0]["input"] = { text: "Your parcel left our warehouse today." }, idempotencyKey = key()) =>
  sendAgentMessage({ agent: h.agent, conversationId, idempotencyKey, input });

describe("sending inside and outside Meta's windows", () => {
  it("2 hours after the person's message: a plain RESPONSE, sent and recorded with Meta's answer", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    const { status, message } = await send(conversation.id);
    expect(status).toBe(201);
    expect(message).toMatchObject({ sendStatus: "SENT", messagingType: "RESPONSE", tag: null, direction: "OUTBOUND", senderKind: "AGENT", error: null });
    expect(message.hoursSinceInbound).toBeCloseTo(2, 2);
    expect(message.agent?.id).toBe(h.agent.id);

    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(log[0]!.request).toEqual({
      recipient: { id: conversation.contactId },
      messaging_type: "RESPONSE",
      message: { text: "Your parcel left our warehouse today.", metadata: outboxMetadata(message.id) },
    });
    expect(message.mid).toBe(log[0]!.messageId);
    const stored = await db.message.findUniqueOrThrow({ where: { id: message.id } });
    expect(stored.metaResponse).toEqual({ recipient_id: conversation.contactId, message_id: message.mid });
    expect(stored.sendAttempts).toBe(1);

    const audit = await db.auditEvent.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: "asc" } });
    // The reply took the unassigned conversation on: assigned to its sender, before the attempt.
    expect(audit.map((e) => e.type)).toEqual(["send.allowed", "conversation.assigned", "send.sent"]);
    expect(audit[1]!.data).toEqual({ from: null, to: h.agent.id, reason: "reply" });
    expect(audit[0]!.data).toMatchObject({
      messageId: message.id,
      inputs: { platform: "MESSENGER", lastInboundAt: conversation.lastInboundAt!.toISOString(), sender: "HUMAN", humanAgentEnabled: true },
      decision: { allowed: true, reason: "STANDARD_WINDOW", messagingType: "RESPONSE", tag: null },
    });
    // The echo arrives too and changes nothing but the time (Meta's).
    await h.drainWebhooks();
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.sent" } })).toBe(1);
    // Settled inline: its safety-net outbox job is already done and will never run.
    expect(await db.job.findMany({ where: { singletonKey: message.id }, select: { status: true } })).toEqual([{ status: "DONE" }]);
  });

  it("30 hours: a human agent's reply goes out as MESSAGE_TAG + HUMAN_AGENT", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    const { message } = await send(conversation.id);
    expect(message).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const [entry] = await h.sendLog();
    expect(entry!.request).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    expect(entry!.status).toBe(200);
  });

  it("8 days: 422 with the reason and the deadline that passed; Meta receives nothing; the block is audited", async () => {
    const conversation = await h.conversation(h.messenger, { days: 8 });
    const error = await rejection(send(conversation.id, { text: "Sorry for the wait!" }));
    expect(error.status).toBe(422);
    expect(error.code).toBe("window_closed");
    expect(error.details).toMatchObject({ reason: "WINDOW_CLOSED", stage: "CLOSED" });
    expect(error.details!.deadline).toBe(new Date(conversation.lastInboundAt!.getTime() + 7 * 24 * 3_600_000 - 5 * 60_000).toISOString());
    expect(error.details!.hoursSinceInbound as number).toBeCloseTo(192, 1);
    expect(await h.sendLog()).toEqual([]);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
    const blocked = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.blocked" } });
    expect(blocked.actorId).toBe(h.agent.id);
    expect(blocked.data).toMatchObject({ textLength: 19, attachmentCount: 0, decision: { allowed: false, reason: "WINDOW_CLOSED" } });
  });

  // Our 5-minute margin against the simulator's strict boundaries (exactly 24 h / 7 d count as outside).
  it.each<[string, string, { days?: number; hours?: number; minutes?: number }]>([
    ["23 h 54 min", "RESPONSE", { hours: 23, minutes: 54 }],
    ["24 h − 1 min (inside Meta's window, past our margin)", "MESSAGE_TAG+HUMAN_AGENT", { hours: 23, minutes: 59 }],
    ["exactly 24 h", "MESSAGE_TAG+HUMAN_AGENT", { hours: 24 }],
    ["7 d − 6 min", "MESSAGE_TAG+HUMAN_AGENT", { days: 7, minutes: -6 }],
    ["7 d − 1 min (inside Meta's window, past our margin)", "blocked:WINDOW_CLOSED", { days: 7, minutes: -1 }],
    ["exactly 7 d", "blocked:WINDOW_CLOSED", { days: 7 }],
  ])("boundary %s → %s", async (_name, expected, age) => {
    const conversation = await h.conversation(h.messenger, age);
    const outcome = await send(conversation.id).then(
      ({ message }) => `${message.sendStatus}:${message.messagingType}${message.tag ? `+${message.tag}` : ""}`,
      (e: AppError) => `blocked:${String(e.details?.reason)}`,
    );
    expect(outcome).toBe(expected.startsWith("blocked") ? expected : `SENT:${expected}`);
    const log = await h.sendLog();
    expect(log).toHaveLength(expected.startsWith("blocked") ? 0 : 1);
    for (const entry of log) expect(entry.status).toBe(200);
  });

  it("a person who never wrote: blocked before Meta, without a deadline", async () => {
    const conversation = await h.conversation(h.messenger, null);
    const error = await rejection(send(conversation.id));
    expect(error.details).toMatchObject({ reason: "NO_INBOUND_MESSAGE", deadline: null });
    expect(await h.sendLog()).toEqual([]);
  });

  it("a channel without the Human Agent feature: RESPONSE inside 24 h, blocked after", async () => {
    expect((await send((await h.conversation(h.noHumanAgent, { hours: 3 })).id)).message.sendStatus).toBe("SENT");
    const error = await rejection(send((await h.conversation(h.noHumanAgent, { hours: 30 })).id));
    expect(error.details).toMatchObject({ reason: "HUMAN_AGENT_FEATURE_MISSING", stage: "HUMAN_AGENT" });
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("Instagram: RESPONSE, then HUMAN_AGENT, through the linked Page to the IGSID", async () => {
    const recent = await h.conversation(h.instagram, { hours: 1 });
    const older = await h.conversation(h.instagram, { days: 3 });
    expect((await send(recent.id)).message).toMatchObject({ sendStatus: "SENT", messagingType: "RESPONSE" });
    expect((await send(older.id)).message).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    const log = await h.sendLog();
    expect(log.map((e) => [e.platform, e.objectId, (e.request.recipient as { id: string }).id])).toEqual([
      ["instagram", h.instagram.metaId, recent.contactId],
      ["instagram", h.instagram.metaId, older.contactId],
    ]);
  });

  it("Instagram's text limit is 1000 UTF-8 bytes: longer text is a 400 and nothing is sent", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    const error = await rejection(send(conversation.id, { text: "日本".repeat(167) }));
    expect(error.status).toBe(400);
    expect(error.details).toMatchObject({ fields: { text: [expect.stringMatching(/1000 bytes/)] } });
    expect((await send(conversation.id, { text: "é".repeat(500) })).message.sendStatus).toBe("SENT");
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("a reply to the person's message carries reply_to with its mid", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const inbound = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "INBOUND" } });
    await send(conversation.id, { text: "About this:", replyToMessageId: inbound.id });
    expect((await h.sendLog())[0]!.request.reply_to).toEqual({ mid: conversation.inboundMessageId });
    const error = await rejection(send(conversation.id, { text: "x", replyToMessageId: crypto.randomUUID() }));
    expect(error.status).toBe(400);
  });
});

describe("exactly once from the agent's view", () => {
  it("the same key twice: the first answer again (200), one message at Meta; another body with that key is a 409", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const idempotencyKey = key();
    const first = await send(conversation.id, { text: "Once" }, idempotencyKey);
    const again = await send(conversation.id, { text: "Once" }, idempotencyKey);
    expect([first.status, again.status]).toEqual([201, 200]);
    // The same message, as it stands now (its time may have become Meta's since, from the echo).
    expect({ ...again.message, sentAt: null }).toEqual({ ...first.message, sentAt: null });
    expect(await h.sendLog()).toHaveLength(1);
    const conflict = await rejection(send(conversation.id, { text: "Twice?" }, idempotencyKey));
    expect(conflict.status).toBe(409);
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("concurrent duplicates: one outbox row, one call to Meta, every request answered with that message", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const idempotencyKey = key();
    const results = await Promise.all(Array.from({ length: 6 }, () => send(conversation.id, { text: "Only once, please" }, idempotencyKey)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(await h.sendLog()).toHaveLength(1);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.allowed" } })).toBe(1);
  });

  it("a replay after the window closed still answers the message that was sent", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const idempotencyKey = key();
    const first = await send(conversation.id, { text: "Sent in time" }, idempotencyKey);
    await db.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date(Date.now() - 8 * 24 * 3_600_000) } });
    const replay = await send(conversation.id, { text: "Sent in time" }, idempotencyKey);
    // The message as it stands now (its time may have become Meta's since, from the echo).
    expect(replay).toMatchObject({ status: 200, message: { id: first.message.id, mid: first.message.mid, sendStatus: "SENT" } });
    expect(await h.sendLog()).toHaveLength(1);
  });
});

describe("who may send", () => {
  it("an agent outside the conversation's channel, another account, or a made-up id: 404, nothing sent", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const colleague = await createTestAgent(h.accountId, "AGENT");
    const stranger = await createTestAgent((await createAccount()).id, "ADMIN");
    for (const agent of [asSession(colleague), asSession(stranger)]) {
      const error = await rejection(sendAgentMessage({ agent, conversationId: conversation.id, idempotencyKey: key(), input: { text: "Hi" } }));
      expect(error.status).toBe(404);
    }
    expect((await rejection(send("not-a-uuid"))).status).toBe(404);
    expect((await rejection(send(crypto.randomUUID()))).status).toBe(404);
    expect(await h.sendLog()).toEqual([]);
  });

  it("managers send on every channel of their account", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const manager = asSession(await createTestAgent(h.accountId, "MANAGER"));
    const { message } = await sendAgentMessage({ agent: manager, conversationId: conversation.id, idempotencyKey: key(), input: { text: "Hi" } });
    expect(message).toMatchObject({ sendStatus: "SENT", agent: { id: manager.id } });
  });
});

describe("two agents, one customer", () => {
  async function teammate() {
    const row = await createTestAgent(h.accountId, "AGENT");
    await db.pageMembership.create({ data: { agentId: row.id, channelId: h.messenger.id } });
    return asSession(row);
  }
  const sendAs = (agent: Awaited<ReturnType<typeof teammate>>, conversationId: string, input: Parameters<typeof sendAgentMessage>[0]["input"]) =>
    sendAgentMessage({ agent, conversationId, idempotencyKey: key(), input });

  it("a reply by someone else after what the agent had seen: 409 reply_collision with who and when, nothing stored or sent; seen, it goes", async () => {
    const sam = await teammate();
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    const seenUpTo = new Date().toISOString();
    const { message: samsReply } = await sendAs(sam, conversation.id, { text: "Sam here, looking into it." });
    await h.clearSendLog();

    const error = await rejection(send(conversation.id, { text: "Alex here too!", seenUpTo }));
    expect(error.status).toBe(409);
    expect(error.code).toBe("reply_collision");
    expect(error.details).toEqual({ agentId: sam.id, agentName: sam.name, repliedAt: samsReply.recordedAt, messageId: samsReply.id });
    expect(await h.sendLog()).toHaveLength(0);
    expect(await db.message.count({ where: { conversationId: conversation.id, agentId: h.agent.id } })).toBe(0);

    // "Send anyway": the agent has now seen Sam's reply (its echo, moving sentAt to Meta's time, changes nothing).
    await h.drainWebhooks();
    const { status, message } = await send(conversation.id, { text: "Alex here too!", seenUpTo: samsReply.recordedAt });
    expect(status).toBe(201);
    expect(message.sendStatus).toBe("SENT");
    // The agent's own replies never collide with their next one; without seenUpTo nothing is checked.
    expect((await send(conversation.id, { text: "One more thing.", seenUpTo: samsReply.recordedAt })).status).toBe(201);
    expect((await send(conversation.id, { text: "And another." })).status).toBe(201);
  });

  it("a failed reply of someone else does not count (it never reached the person)", async () => {
    const sam = await teammate();
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    await h.sim.control("POST", "/faults/scripted", { endpoint: "send", objectId: h.messenger.metaId, effect: "error", error: { code: 100, subcode: 2018001, status: 400 }, times: 1 });
    const { message: failed } = await sendAs(sam, conversation.id, { text: "This one fails." });
    expect(failed.sendStatus).toBe("FAILED");
    expect((await send(conversation.id, { text: "Mine goes.", seenUpTo: new Date(Date.now() - 60_000).toISOString() })).status).toBe(201);
  });

  it("a reply assigns an unassigned conversation to its sender, once; an assigned one stays with its assignee; a refused send assigns nothing", async () => {
    const sam = await teammate();
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    const seenUpTo = new Date().toISOString();
    await sendAs(sam, conversation.id, { text: "Sam takes it." });
    // Alex's send refused as a collision: still Sam's.
    await rejection(send(conversation.id, { text: "Alex?", seenUpTo }));
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(sam.id);
    await send(conversation.id, { text: "Alex adds a detail." });
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeId).toBe(sam.id);
    const assigned = await db.auditEvent.findMany({ where: { conversationId: conversation.id, type: "conversation.assigned" } });
    expect(assigned.map((e) => ({ actorId: e.actorId, data: e.data }))).toEqual([{ actorId: sam.id, data: { from: null, to: sam.id, reason: "reply" } }]);

    // Blocked by the window policy (8 days): nothing assigned.
    const closed = await h.conversation(h.messenger, { days: 8 });
    await rejection(send(closed.id));
    expect((await db.conversation.findUniqueOrThrow({ where: { id: closed.id } })).assigneeId).toBeNull();
  });
});
