// The webhook receiver: only correctly signed Meta envelopes are stored (once); verification GETs.
import { createHmac } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { configureAppEnv, TEST_APP } from "@/scripts/testing/meta-test-env";
import { answerVerification, receiveWebhook } from "./receive-webhook";

const sign = (body: string | Buffer, secret = TEST_APP.secret) => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const BODY = '{"object":"page","entry":[{"id":"1234","time":1700000000000,"messaging":[{"sender":{"id":"99"},"recipient":{"id":"1234"},"timestamp":1700000000000,"message":{"mid":"m_1","text":"Gr\\u00fc\\u00dfe \\ud83d\\ude00 \\/"}}]}]}';

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));
beforeEach(async () => {
  await db.webhookEvent.deleteMany({});
});

describe("webhook receiver", () => {
  it("stores a signed event byte for byte and answers 200; the same bytes again are stored once", async () => {
    expect(await receiveWebhook(bytes(BODY), sign(BODY))).toMatchObject({ status: 200 });
    expect(await receiveWebhook(bytes(BODY), sign(BODY).toUpperCase().replace("SHA256=", "sha256="))).toMatchObject({ status: 200 });
    const rows = await db.webhookEvent.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.body).toBe(BODY);
    expect(rows[0]!.status).toBe("RECEIVED");
  });

  it("refuses unsigned, tampered and wrongly keyed events with 401 and stores nothing", async () => {
    const tampered = BODY.replace("m_1", "m_2");
    for (const [body, signature] of [
      [BODY, null],
      [BODY, ""],
      [BODY, "sha1=0c9b77eea92817a0fa756ee52388061d18112a48"],
      [tampered, sign(BODY)],
      [BODY, sign(BODY, "another-secret-entirely")],
      // Re-serialised JSON is not what Meta signed.
      [JSON.stringify(JSON.parse(BODY)), sign(BODY)],
    ] as const) {
      expect((await receiveWebhook(bytes(body), signature)).status).toBe(401);
    }
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("refuses a correctly signed body that is not Meta's envelope with 400 and stores nothing", async () => {
    for (const body of ["{}", '{"foo":"bar"}', "not json", '{"object":"page","entry":[{"messaging":[]}]}', "[]"]) {
      expect((await receiveWebhook(bytes(body), sign(body))).status, body).toBe(400);
    }
    expect(await db.webhookEvent.count()).toBe(0);
  });

  it("acknowledges events for Pages we do not serve (the processor ignores them)", async () => {
    const body = BODY.replace(/1234/g, "999999");
    expect((await receiveWebhook(bytes(body), sign(body))).status).toBe(200);
  });

  it("answers Meta's verification GET with the challenge, and 403 for a wrong token", () => {
    const ok = answerVerification(new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": TEST_APP.verifyToken, "hub.challenge": "1158201444" }));
    expect(ok).toMatchObject({ status: 200, body: "1158201444" });
    expect(answerVerification(new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "1" })).status).toBe(403);
    expect(answerVerification(new URLSearchParams({})).status).toBe(403);
  });
});
