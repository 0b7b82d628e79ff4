// Signature vectors (bottender) and a non-ASCII body: the simulator signs exactly the bytes it sends,
// in Meta's escaped form, so a receiver verifying the raw body with the app secret accepts every POST.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { signBody } from "../src/webhooks";
import { metaStringify } from "../src/meta-json";
import { APP_SECRET, fixture, graph, hmacHex, startReceiver, startTestSim, type Receiver } from "./helpers";

interface Vector {
  app_secret: string;
  raw_body: string;
  x_hub_signature: string;
  x_hub_signature_256_computed?: string;
  valid: boolean;
}
const { vectors } = fixture<{ vectors: Vector[] }>("Yoctol+bottender/signature_vectors.json");

describe("bottender signature vectors", () => {
  it("the simulator's signer reproduces every valid vector and rejects the forged one", () => {
    expect(vectors.length).toBe(3);
    for (const v of vectors) {
      const sig = signBody(v.app_secret, v.raw_body);
      if (v.valid) {
        expect(sig.sha1).toBe(v.x_hub_signature);
        expect(sig.sha256).toBe(v.x_hub_signature_256_computed);
      } else {
        expect(sig.sha1).not.toBe(v.x_hub_signature);
      }
    }
  });

  it("the vector bodies are already in Meta's serialised form (ASCII, no reformatting needed)", () => {
    const v = vectors[2]!;
    expect(metaStringify(JSON.parse(v.raw_body))).toBe(v.raw_body);
  });
});

describe("signing what is sent", () => {
  let sim: RunningSimulator;
  let rx: Receiver;
  beforeAll(async () => {
    rx = await startReceiver();
    sim = await startTestSim({ dataset: "demo", app: { callbackUrl: rx.url } });
  });
  afterAll(async () => {
    await sim.close();
    await rx.close();
  });

  it("a POST with non-ASCII verifies with HMAC-SHA256 of the raw bytes; the decoded form would not", async () => {
    const page = [...sim.sim.world.pages.values()][0]!;
    await graph(sim.url, "POST", `/${page.id}/subscribed_apps`, { access_token: sim.pageToken(page.id), subscribed_fields: "messages" });
    const contact = sim.sim.world.sortedConversations(page.id)[0]!.contactId;
    const text = "äöå — こんにちは 😊 / ok";
    await sim.control("POST", "/customer/message", { channelId: page.id, contactId: contact, text });
    await sim.control("POST", "/webhooks/drain", {});
    const post = rx.posts[0]!;
    const header = String(post.headers["x-hub-signature-256"]);
    expect(header).toBe(`sha256=${hmacHex("sha256", APP_SECRET, post.raw)}`);
    expect(post.raw.toString("latin1")).toContain("\\u00e4\\u00f6\\u00e5 \\u2014 \\u3053\\u3093\\u306b\\u3061\\u306f \\ud83d\\ude0a \\/ ok");
    // a receiver that signed a UTF-8 re-serialisation would compute another value
    const decoded = Buffer.from(JSON.stringify(post.body), "utf8");
    expect(`sha256=${hmacHex("sha256", APP_SECRET, decoded)}`).not.toBe(header);
    // and a wrong secret never verifies
    expect(`sha256=${hmacHex("sha256", "another-secret", post.raw)}`).not.toBe(header);
  });
});
