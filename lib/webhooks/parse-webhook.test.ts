import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMetaJson, readWebhookEnvelope, webhookItems, type WebhookItem } from "./parse-webhook";

const FIXTURES = path.join(import.meta.dirname, "../../meta-simulator/fixtures");
const fixture = (file: string) => readFileSync(path.join(FIXTURES, file), "utf8");

/** Wraps single messaging items (most fixtures) in Meta's envelope. */
function envelope(items: unknown[], object = "page", id = "PAGE"): string {
  return JSON.stringify({ object, entry: [{ id, time: 1458692752478, messaging: items }] });
}

function itemsOf(raw: string): WebhookItem[] {
  const read = readWebhookEnvelope(raw);
  if (!read.ok) throw new Error(read.reason);
  return webhookItems(read.envelope).items;
}

function one(raw: string): WebhookItem {
  const items = itemsOf(raw);
  expect(items).toHaveLength(1);
  return items[0]!;
}

describe("readWebhookEnvelope", () => {
  it("accepts Meta's envelopes, including the dashboard's changes[] test payload and two-entry batches", () => {
    for (const file of [
      "Yoctol+bottender/webhook_bodies_2018/request.json",
      "Yoctol+bottender/webhook_bodies_2018/batchRequest.json",
      "Yoctol+bottender/webhook_bodies_2018/standbyRequest.json",
      "Yoctol+bottender/webhook_bodies_2018/webhookTestRequest.json",
      "meta-docs/ig_messaging_seen.json",
    ]) {
      expect(readWebhookEnvelope(fixture(file)).ok, file).toBe(true);
    }
  });

  it("refuses bodies that are not Meta's shape", () => {
    for (const raw of ["", "not json", "[]", "{}", fixture("jgorset+facebook-messenger/incoming/payload.json"), '{"object":"page"}', '{"object":"page","entry":{}}', '{"object":"page","entry":[{"time":1}]}', '{"object":"page","entry":[{"id":"1","messaging":{}}]}']) {
      expect(readWebhookEnvelope(raw).ok, raw).toBe(false);
    }
  });
});

describe("webhookItems", () => {
  it("keeps app_id values above 2^53 exact", () => {
    const raw = envelope([JSON.parse(fixture("jgorset+facebook-messenger/message_echo/payload.json").replace(/"app_id": (\d+)/, '"app_id": "$1"'))]).replace(
      /"app_id":"(\d+)"/,
      '"app_id":184719329217930001',
    );
    const item = one(raw);
    expect(item).toMatchObject({ type: "echo", appId: "184719329217930001", personId: "3" });
    expect(String(JSON.parse('{"a":184719329217930001}').a)).not.toBe("184719329217930001");
    expect((parseMetaJson('{"message":{"app_id":184719329217930001}}') as { message: { app_id: string } }).message.app_id).toBe("184719329217930001");
  });

  it("reads a text message, its quick reply, reply_to and attachments", () => {
    const item = one(
      envelope([
        {
          sender: { id: "PSID" },
          recipient: { id: "PAGE" },
          timestamp: 1458692752478,
          message: {
            mid: "m_1",
            text: "hello",
            quick_reply: { payload: "P" },
            reply_to: { mid: "m_0", is_self_reply: false },
            attachments: [{ type: "sticker", payload: { url: "https://x/s.png", sticker_id: 369239263222822 } }],
          },
        },
      ]),
    );
    expect(item).toEqual({
      object: "page",
      channelMetaId: "PAGE",
      personId: "PSID",
      userRef: null,
      timestamp: new Date(1458692752478),
      standby: false,
      type: "message",
      mid: "m_1",
      text: "hello",
      attachments: [{ type: "sticker", url: "https://x/s.png", title: null, stickerId: "369239263222822", payload: null }],
      quickReplyPayload: "P",
      replyToMid: "m_0",
      replyToStory: null,
      referral: null,
      isUnsupported: false,
    });
  });

  it("tells echoes, unsends, deliveries, reads, seens, reactions and edits apart", () => {
    const base = { sender: { id: "PSID" }, recipient: { id: "PAGE" }, timestamp: 1700000000000 };
    const items = itemsOf(
      envelope([
        { sender: { id: "PAGE" }, recipient: { id: "PSID" }, timestamp: 1700000000001, message: { is_echo: true, app_id: 263902037430900, mid: "m_e", text: "from BS" } },
        { ...base, message: { mid: "m_d", is_deleted: true } },
        { sender: { id: "PSID" }, recipient: { id: "PAGE" }, delivery: { mids: ["m_e"], watermark: 1700000000005 } },
        { ...base, read: { watermark: 1700000000006 } },
        { ...base, read: { mid: "m_e" } },
        { ...base, reaction: { reaction: "love", emoji: "❤️", action: "react", mid: "m_e" } },
        { ...base, reaction: { mid: "m_e", action: "unreact" } },
        { ...base, message_edit: { mid: "m_1", text: "fixed", num_edit: 2 } },
      ]),
    );
    expect(items.map((i) => i.type)).toEqual(["echo", "unsend", "delivery", "read", "seen", "reaction", "reaction", "edit"]);
    expect(items[0]).toMatchObject({ personId: "PSID", appId: "263902037430900" });
    expect(items[2]).toMatchObject({ mids: ["m_e"], watermark: new Date(1700000000005), timestamp: new Date(1700000000005) });
    expect(items[6]).toMatchObject({ action: "unreact", emoji: null, reaction: null });
    expect(items[7]).toMatchObject({ text: "fixed", editCount: 2 });
  });

  it("reads postbacks (with user_ref and string seconds) and referrals with stable synthetic keys", () => {
    const postback = one(
      envelope([{ sender: { user_ref: "UREF" }, recipient: { id: "PAGE" }, timestamp: "1527459824", postback: { title: "Start", payload: "GET_STARTED" } }]),
    );
    expect(postback).toMatchObject({ type: "postback", personId: null, userRef: "UREF", mid: expect.stringMatching(/^postback:ref:UREF:1527459824000:[0-9a-f]{12}$/), payload: "GET_STARTED", timestamp: new Date(1527459824000) });
    const referral = one(envelope([{ sender: { id: "PSID" }, recipient: { id: "PAGE" }, timestamp: 1700000000000, referral: { ref: "spring", ad_id: "42", source: "ADS", type: "OPEN_THREAD" } }]));
    expect(referral).toMatchObject({ type: "referral", mid: expect.stringMatching(/^referral:PSID:1700000000000:[0-9a-f]{12}$/), referral: { isAd: true, adId: "42", ref: "spring" } });
  });

  it("marks standby items and reads Instagram shapes", () => {
    const standby = itemsOf(fixture("Vlix+facebookmessenger/callback/standby_callback.json"));
    expect(standby.length).toBeGreaterThan(0);
    expect(standby.every((i) => i.standby)).toBe(true);
    const seen = one(fixture("meta-docs/ig_messaging_seen.json"));
    expect(seen).toMatchObject({ object: "instagram", type: "seen" });
    const reaction = one(fixture("meta-docs/ig_message_reactions.json"));
    expect(reaction).toMatchObject({ type: "reaction", action: "react", emoji: "❤️" });
  });

  it("ignores (and explains) events it does not act on", () => {
    const read = readWebhookEnvelope(fixture("Yoctol+bottender/webhook_bodies_2018/webhookTestRequest.json"));
    if (!read.ok) throw new Error(read.reason);
    const { items, ignored } = webhookItems(read.envelope);
    expect(items).toEqual([]);
    expect(ignored[0]?.reason).toMatch(/changes/);
    const optinRead = readWebhookEnvelope(envelope([JSON.parse(fixture("Vlix+facebookmessenger/callback/optin_callback.json"))]));
    if (!optinRead.ok) throw new Error(optinRead.reason);
    const optin = webhookItems(optinRead.envelope);
    expect(optin.items).toEqual([]);
    expect(optin.ignored[0]?.reason).toMatch(/optin/);
  });

  it("never throws on any fixture of the corpus", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name.endsWith(".json")) files.push(full);
      }
    };
    walk(FIXTURES);
    let parsed = 0;
    for (const file of files) {
      const raw = readFileSync(file, "utf8");
      const direct = readWebhookEnvelope(raw);
      const body = direct.ok ? raw : envelope([JSON.parse(raw)]);
      const read = readWebhookEnvelope(body);
      if (!read.ok) continue;
      expect(() => webhookItems(read.envelope), file).not.toThrow();
      parsed += webhookItems(read.envelope).items.length;
    }
    expect(parsed).toBeGreaterThan(60);
  });
});

describe("Instagram comment notifications", () => {
  const value = { id: "17865799348089039", from: { id: "IGSID1", username: "ada.berg" }, text: "Price?", media: { id: "17895695668004550", media_product_type: "FEED" } };
  const expected = { type: "comment", verb: "add", field: "comments", commentId: "17865799348089039", postId: "17895695668004550", personId: "IGSID1", authorUsername: "ada.berg", text: "Price?", channelMetaId: "IGID" };

  it("reads the `changes[]` shape (Facebook Login, Meta's dashboard tests)", () => {
    const raw = JSON.stringify({ object: "instagram", entry: [{ id: "IGID", time: 1764000000, changes: [{ field: "comments", value }] }] });
    expect(itemsOf(raw)).toEqual([expect.objectContaining(expected)]);
  });

  it("reads the shape of Meta's Business Login for Instagram example: `field` and `value` on the entry", () => {
    const raw = JSON.stringify({ object: "instagram", entry: [{ id: "IGID", time: 1764000000, field: "comments", value }] });
    expect(itemsOf(raw)).toEqual([expect.objectContaining(expected)]);
    // An entry-level value that is not an object is not a change.
    expect(itemsOf(JSON.stringify({ object: "instagram", entry: [{ id: "IGID", time: 1764000000, field: "comments", value: "x" }] }))).toEqual([]);
  });
});
