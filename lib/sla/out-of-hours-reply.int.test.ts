// The out-of-hours auto-reply against the Meta simulator: once per conversation and closed period, never
// twice for one message, only as RESPONSE without a tag inside 24 h, blocked and audited after — and the
// webhook batch queues it only for accounts that turned it on.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { applyWebhookBatch } from "@/lib/webhooks/apply-webhook-batch";
import { readWebhookEnvelope, webhookItems } from "@/lib/webhooks/parse-webhook";
import { createAccount } from "@/scripts/testing/factories";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { AUTO_REPLY_QUEUE } from "./auto-reply-queue";
import { sendOutOfHoursReply } from "./send-out-of-hours-reply";

const TEXT = "Thanks for your message! We're closed now and answer from 09:00.";

let h: SendHarness;
beforeAll(async () => {
  h = await startSendHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.clearSendLog();
});

/** Hours on one weekday three days from today (UTC): closed now, and for the last two days. */
async function closedHours(accountId: string, { enabled = true }: { enabled?: boolean } = {}) {
  const day = (new Date().getUTCDay() + 3) % 7;
  const data = { weekly: [{ day, open: "09:00", close: "18:00" }], holidays: [], autoReplyEnabled: enabled, autoReplyText: TEXT };
  await db.account.update({ where: { id: accountId }, data: { timezone: "UTC" } });
  await db.businessHours.upsert({ where: { accountId }, create: { accountId, ...data }, update: data });
}

async function openAllWeek(accountId: string) {
  const weekly = [0, 1, 2, 3, 4, 5, 6].map((day) => ({ day, open: "00:00", close: "24:00" }));
  await db.businessHours.update({ where: { accountId }, data: { weekly } });
}

describe("the out-of-hours auto-reply", () => {
  it("answers a message that arrived while closed once, as RESPONSE with no tag, through the outbox", async () => {
    await closedHours(h.accountId);
    const conversation = await h.conversation(h.messenger, { hours: 2 });
    const trigger = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "INBOUND" } });

    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: trigger.id })).toBe("sent");
    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(log[0]!.request).toMatchObject({ recipient: { id: conversation.contactId }, messaging_type: "RESPONSE", message: { text: TEXT } });
    expect(log[0]!.request).not.toHaveProperty("tag");
    expect(log[0]!.status).toBe(200);

    const sent = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "OUTBOUND" } });
    expect(sent).toMatchObject({ senderKind: "OUR_APP", agentId: null, messagingType: "RESPONSE", tag: null, sendStatus: "SENT", text: TEXT });
    const allowed = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.allowed" } });
    expect(allowed.data).toMatchObject({ automation: "out_of_hours_reply", inputs: { sender: "AUTOMATION" }, decision: { messagingType: "RESPONSE", tag: null } });

    // The same job again (a retry, a replay): nothing more goes out.
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: trigger.id })).toBe("already_sent");
    // A second message in the same closed period: still one auto-reply.
    await db.message.create({
      data: { accountId: h.accountId, channelId: h.messenger.id, conversationId: conversation.id, mid: `m_second_${conversation.id}`, direction: "INBOUND", senderKind: "CONTACT", text: "Hello?", sentAt: new Date(Date.now() - 60_000) },
    });
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: trigger.id })).toBe("already_sent");
    expect(await h.sendLog()).toHaveLength(1);
    expect(await db.autoReply.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("two jobs at once for one conversation send one message", async () => {
    await closedHours(h.accountId);
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    const payload = { conversationId: conversation.id, messageId: crypto.randomUUID() };
    const outcomes = await Promise.all([sendOutOfHoursReply(payload), sendOutOfHoursReply(payload), sendOutOfHoursReply(payload)]);
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("never goes out after 24 hours: blocked and audited, even on a channel with the Human Agent feature", async () => {
    await closedHours(h.accountId);
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: crypto.randomUUID() })).toBe("blocked");
    expect(await h.sendLog()).toHaveLength(0);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
    const blocked = await db.auditEvent.findMany({ where: { conversationId: conversation.id, type: "send.blocked" } });
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.data).toMatchObject({
      automation: "out_of_hours_reply",
      inputs: { sender: "AUTOMATION", humanAgentEnabled: true },
      decision: { allowed: false, reason: "AUTOMATION_OUTSIDE_STANDARD_WINDOW", messagingType: null, tag: null },
    });
    // Judged once: a second run neither sends nor audits again.
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: crypto.randomUUID() })).toBe("already_sent");
    expect(await db.auditEvent.count({ where: { conversationId: conversation.id, type: "send.blocked" } })).toBe(1);
  });

  it("decided inside 24 h but attempted after it (a late job): the outbox blocks it at the call, audited, nothing sent", async () => {
    await closedHours(h.accountId);
    const conversation = await h.conversation(h.messenger, { hours: 30 });
    // The decision as the job would have made it 2 hours after the message; the attempt happens now, at 30 h.
    const decidedAt = new Date(conversation.lastInboundAt!.getTime() + 2 * 3_600_000);
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: crypto.randomUUID() }, { now: decidedAt })).toBe("blocked");
    expect(await h.sendLog()).toHaveLength(0);
    const outbox = await db.message.findFirstOrThrow({ where: { conversationId: conversation.id, direction: "OUTBOUND" } });
    expect(outbox).toMatchObject({ senderKind: "OUR_APP", sendStatus: "FAILED", tag: null });
    const blocked = await db.auditEvent.findFirstOrThrow({ where: { conversationId: conversation.id, type: "send.blocked" } });
    expect(blocked.data).toMatchObject({ messageId: outbox.id, inputs: { sender: "AUTOMATION" }, decision: { allowed: false, reason: "AUTOMATION_OUTSIDE_STANDARD_WINDOW" } });
  });

  it("blocks at the very end of the window too (23 h 56 min: past our 5-minute margin)", async () => {
    await closedHours(h.accountId);
    const conversation = await h.conversation(h.noHumanAgent, { hours: 23, minutes: 56 });
    expect(await sendOutOfHoursReply({ conversationId: conversation.id, messageId: crypto.randomUUID() })).toBe("blocked");
    expect(await h.sendLog()).toHaveLength(0);
  });

  it("stays silent while the team is open, and when the auto-reply is off", async () => {
    await closedHours(h.accountId);
    await openAllWeek(h.accountId);
    const open = await h.conversation(h.messenger, { hours: 1 });
    expect(await sendOutOfHoursReply({ conversationId: open.id, messageId: crypto.randomUUID() })).toBe("open");
    await closedHours(h.accountId, { enabled: false });
    const off = await h.conversation(h.messenger, { hours: 1 });
    expect(await sendOutOfHoursReply({ conversationId: off.id, messageId: crypto.randomUUID() })).toBe("disabled");
    expect(await h.sendLog()).toHaveLength(0);
    expect(await db.autoReply.count({ where: { conversationId: { in: [open.id, off.id] } } })).toBe(0);
  });
});

describe("the webhook batch", () => {
  async function applyMessages(pageId: string, senders: string[]) {
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: pageId,
          time: Date.now(),
          messaging: senders.map((sender, i) => ({ sender: { id: sender }, recipient: { id: pageId }, timestamp: Date.now() - 1000 + i, message: { mid: `m_${sender}_${i}_${Date.now()}`, text: "hi" } })),
        },
      ],
    });
    const parsed = readWebhookEnvelope(body);
    if (!parsed.ok) throw new Error(parsed.reason);
    const { items } = webhookItems(parsed.envelope);
    await db.$transaction((tx) => applyWebhookBatch(tx, items, { ourAppId: "1517776481860111", realtime: new RealtimeBatch() }));
  }

  it("queues one auto-reply job per conversation, only in accounts that turned it on", async () => {
    const on = await createAccount("Auto-reply on");
    const off = await createAccount("Auto-reply off");
    const onPage = await db.channel.create({ data: { accountId: on.id, platform: "MESSENGER", metaId: "200000000000001", pageMetaId: "200000000000001", name: "On" } });
    await db.channel.create({ data: { accountId: off.id, platform: "MESSENGER", metaId: "200000000000002", pageMetaId: "200000000000002", name: "Off" } });
    await closedHours(on.id);
    await closedHours(off.id, { enabled: false });

    // Two people write to the first Page (one of them twice), one to the second.
    await applyMessages("200000000000001", ["7001", "7001", "7002"]);
    await applyMessages("200000000000002", ["7003"]);
    const jobs = await db.job.findMany({ where: { queue: AUTO_REPLY_QUEUE, status: "QUEUED" } });
    const conversations = await db.conversation.findMany({ where: { channelId: onPage.id }, select: { id: true } });
    expect(jobs.map((j) => j.singletonKey).sort()).toEqual(conversations.map((c) => c.id).sort());
    expect(jobs).toHaveLength(2);
  });
});
