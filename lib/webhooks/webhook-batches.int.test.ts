// Transactions are bounded by items, not POSTs: a burst of 50-item POSTs is applied 250 items at a time (each
// batch committed, and so visible, on its own), an oversized POST alone, and the result is the same.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount } from "@/scripts/testing/factories";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { processWebhookBatch } from "./process-webhook-events";
import { receiveWebhook } from "./receive-webhook";

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

async function postItems(pageId: string, from: number, count: number) {
  const messaging = Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { sender: { id: `81${i % 40}` }, recipient: { id: pageId }, timestamp: 1_800_000_000_000 + i, message: { mid: `m_batch_${pageId}_${i}`, text: `message ${i}` } };
  });
  const body = JSON.stringify({ object: "page", entry: [{ id: pageId, time: 1_800_000_000_000, messaging }] });
  const signature = `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;
  expect((await receiveWebhook(new Uint8Array(Buffer.from(body)), signature)).status).toBe(200);
}

describe("webhook batches", () => {
  it("takes as many POSTs as fit the item budget, an oversized one alone, and applies everything once", async () => {
    const account = await createAccount();
    const pageId = "100000000000123";
    const channel = await db.channel.create({ data: { accountId: account.id, platform: "MESSENGER", metaId: pageId, pageMetaId: pageId, name: "P" } });
    for (let post = 0; post < 8; post++) await postItems(pageId, post * 50, 50); // 400 items
    await postItems(pageId, 400, 300); // one POST larger than the budget
    await postItems(pageId, 700, 10);
    expect((await db.webhookEvent.findMany({ select: { itemCount: true }, orderBy: { id: "asc" } })).map((e) => e.itemCount)).toEqual([50, 50, 50, 50, 50, 50, 50, 50, 300, 10]);

    const batches: { events: number; items: number }[] = [];
    for (;;) {
      const batch = await processWebhookBatch({ maxItems: 250, limit: 20 });
      if (batch.events === 0) break;
      batches.push(batch);
    }
    expect(batches).toEqual([
      { events: 5, items: 250 },
      { events: 3, items: 150 }, // the next POST (300) would not fit
      { events: 1, items: 300 }, // alone: larger than the budget
      { events: 1, items: 10 },
    ]);
    expect(await db.message.count({ where: { channelId: channel.id } })).toBe(710);
    expect(await db.conversation.count({ where: { channelId: channel.id } })).toBe(40);
    const unread = await db.conversation.aggregate({ where: { channelId: channel.id }, _sum: { unreadCount: true } });
    expect(unread._sum.unreadCount).toBe(710);
  });
});
