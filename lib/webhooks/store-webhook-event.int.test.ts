import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { storeWebhookEvent } from "./store-webhook-event";

beforeEach(async () => {
  await db.webhookEvent.deleteMany({});
});

describe("storing webhook bodies (group commit)", () => {
  it("a burst of concurrent POSTs stores every distinct body once and tells each caller what happened", async () => {
    // 300 POSTs at once, every third a redelivery of an earlier body: more than one statement's worth.
    const bodies = Array.from({ length: 300 }, (_, i) => {
      const n = i % 3 === 2 ? i - 1 : i;
      return { body: `{"object":"page","entry":[],"n":${n}}`, signature: `sha256=${n.toString(16).padStart(64, "0")}` };
    });
    const results = await Promise.all(bodies.map((b) => storeWebhookEvent(b.body, b.signature)));
    const distinct = new Set(bodies.map((b) => b.signature));
    expect(await db.webhookEvent.count()).toBe(distinct.size);
    // Exactly one caller per distinct body hears "stored".
    expect(results.filter(Boolean)).toHaveLength(distinct.size);
    const stored = await db.webhookEvent.findMany({ select: { body: true, signature: true } });
    for (const row of stored) expect(bodies.find((b) => b.signature === row.signature)!.body).toBe(row.body);
  });

  it("a redelivery after the fact is a no-op", async () => {
    expect(await storeWebhookEvent("{}", "sha256=aa")).toBe(true);
    expect(await storeWebhookEvent("{}", "sha256=aa")).toBe(false);
    expect(await db.webhookEvent.count()).toBe(1);
  });
});
