// The processor loop: woken by the receiver's NOTIFY (well before its poll interval), it forgets processed raw
// events after the retention period, and drains a backlog in parallel lanes with the result of one.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { SYNC_QUEUES } from "@/lib/sync/sync-queues";
import { createAccount } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { receiveWebhook } from "./receive-webhook";
import { WebhookProcessor } from "./webhook-processor";

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

describe("webhook processor", () => {
  it("is woken by a stored event, processes it, and prunes processed events past the retention", async () => {
    const account = await createAccount();
    const channel = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: "100000000000042", pageMetaId: "100000000000042", name: "P" } });
    const old = await db.webhookEvent.create({ data: { body: "{}", signature: "sha256=old", status: "PROCESSED", receivedAt: new Date(Date.now() - 20 * 86_400_000) } });
    const recent = await db.webhookEvent.create({ data: { body: "{}", signature: "sha256=recent", status: "PROCESSED" } });
    const processor = new WebhookProcessor({ pollIntervalMs: 60_000 });
    await processor.start();
    try {
      await expect.poll(() => db.webhookEvent.count({ where: { id: old.id } }), { timeout: 5_000 }).toBe(0);
      const body = `{"object":"page","entry":[{"id":"${channel.metaId}","time":1800000000000,"messaging":[{"sender":{"id":"42"},"recipient":{"id":"${channel.metaId}"},"timestamp":1800000000000,"message":{"mid":"m_wake","text":"wake up"}}]}]}`;
      const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
      expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);
      // Far sooner than the 60 s poll: the NOTIFY woke it.
      await expect.poll(() => db.message.count({ where: { mid: "m_wake", channelId: channel.id } }), { timeout: 5_000 }).toBe(1);
      expect(await db.webhookEvent.count({ where: { id: recent.id } })).toBe(1);
    } finally {
      await processor.stop();
    }
  });

  it("drains a backlog in parallel lanes: every message once, each conversation's summary that of all its messages", async () => {
    const account = await createAccount();
    const pageId = "100000000000077";
    const channel = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: pageId, pageMetaId: pageId, name: "P" } });
    // 1,200 messages from 30 new people, each of them in nearly every POST: lanes share conversations (their
    // row locks), contacts created concurrently and the channel's one lookup job row.
    const people = 30;
    for (let post = 0; post < 24; post++) {
      // Within a POST later messages come first: Meta's time decides, not the order of arrival.
      const messaging = Array.from({ length: 50 }, (_, k) => {
        const i = post * 50 + (49 - k);
        return { sender: { id: `77${i % people}` }, recipient: { id: pageId }, timestamp: 1_800_000_000_000 + i, message: { mid: `m_lane_${i}`, text: `message ${i}` } };
      });
      const body = JSON.stringify({ object: "page", entry: [{ id: pageId, time: 1_800_000_000_000, messaging }] });
      const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
      expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);
    }
    const processor = new WebhookProcessor({ pollIntervalMs: 60_000, batchItems: 100, backlogBatchItems: 100, concurrency: 3 });
    await processor.start();
    try {
      await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 30_000 }).toBe(0);
    } finally {
      await processor.stop();
    }
    expect(await db.webhookEvent.count({ where: { status: "FAILED" } })).toBe(0);
    expect(await db.syncFailure.count({ where: { channelId: channel.id } })).toBe(0);
    expect(await db.message.count({ where: { channelId: channel.id } })).toBe(1_200);
    const conversations = await db.conversation.findMany({ where: { channelId: channel.id }, include: { contact: true } });
    expect(conversations).toHaveLength(people);
    for (const c of conversations) {
      const person = Number(c.contact.platformUserId.slice(2));
      const last = 1_200 - people + person; // the highest i with i % people === person
      expect({ unread: c.unreadCount, lastAt: c.lastMessageAt?.getTime(), preview: c.lastMessagePreview }).toEqual({
        unread: 1_200 / people,
        lastAt: 1_800_000_000_000 + last,
        preview: `message ${last}`,
      });
    }
    // The new people's names and thread ids: one lookup of each kind for the channel, however many lanes asked.
    const lookups = await db.job.findMany({ where: { queue: { in: [SYNC_QUEUES.fetchProfiles, SYNC_QUEUES.resolveThreads] }, payload: { path: ["channelId"], equals: channel.id } } });
    expect(lookups.map((j) => `${j.queue} ${j.status}`).sort()).toEqual([`${SYNC_QUEUES.fetchProfiles} QUEUED`, `${SYNC_QUEUES.resolveThreads} QUEUED`].sort());
  });
});
