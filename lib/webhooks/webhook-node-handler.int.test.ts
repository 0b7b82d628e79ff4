// The webhook endpoint as the app server (scripts/serve.ts) serves it: over real HTTP, before Next.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { MAX_BODY_BYTES } from "./receive-webhook";
import { handleWebhookRequest } from "./webhook-node-handler";

const BODY = '{"object":"page","entry":[{"id":"1234","time":1700000000000,"messaging":[{"sender":{"id":"99"},"recipient":{"id":"1234"},"timestamp":1700000000000,"message":{"mid":"m_1","text":"Gr\\u00fc\\u00dfe"}}]}]}';
const sign = (body: string) => `sha256=${createHmac("sha256", TEST_APP.secret).update(body).digest("hex")}`;

let server: Server;
let base = "";
beforeAll(async () => {
  configureAppEnv("http://127.0.0.1:9");
  server = createServer((req, res) => {
    void handleWebhookRequest(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end("not ours");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(async () => {
  await db.webhookEvent.deleteMany({});
});

describe("webhook endpoint on node:http", () => {
  it("stores a signed POST byte for byte and answers 200", async () => {
    const response = await fetch(`${base}/api/webhooks/meta`, { method: "POST", body: BODY, headers: { "x-hub-signature-256": sign(BODY), "content-type": "application/json" } });
    expect(response.status).toBe(200);
    expect((await db.webhookEvent.findFirstOrThrow()).body).toBe(BODY);
  });

  it("refuses an unsigned POST (401), an oversized one (413), other methods (405), storing nothing", async () => {
    expect((await fetch(`${base}/api/webhooks/meta`, { method: "POST", body: BODY })).status).toBe(401);
    const huge = "x".repeat(MAX_BODY_BYTES + 1);
    expect((await fetch(`${base}/api/webhooks/meta`, { method: "POST", body: huge, headers: { "x-hub-signature-256": sign(huge) } })).status).toBe(413);
    expect((await fetch(`${base}/api/webhooks/meta`, { method: "PUT", body: BODY })).status).toBe(405);
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("answers Meta's verification GET with the challenge, 403 on a wrong token", async () => {
    const ok = await fetch(`${base}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=${encodeURIComponent(TEST_APP.verifyToken)}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("1158201444");
    expect((await fetch(`${base}/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`)).status).toBe(403);
  });

  it("leaves every other path to Next", async () => {
    const response = await fetch(`${base}/api/webhooks/metaverse`, { method: "POST", body: BODY });
    expect(await response.text()).toBe("not ours");
  });
});
