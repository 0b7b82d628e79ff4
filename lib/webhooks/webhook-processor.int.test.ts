// The processor loop: woken by the receiver's NOTIFY (well before its poll interval), and it forgets processed
// raw events after the retention period.
import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
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
});
