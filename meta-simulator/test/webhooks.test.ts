// Webhooks: verification, subscriptions, signatures over the exact escaped bytes, event shapes for every
// kind (messages, echoes from us and from other apps, deliveries, reads/seen, reactions, edits, unsend,
// postbacks, referrals, standby), batching, retries, timeouts and injected drop/duplicate/reorder.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { PAGE_INBOX_APP_ID } from "../src/datasets";
import { APP_ID, APP_SECRET, T0, VERIFY_TOKEN, graph, hmacHex, startReceiver, startTestSim, type Receiver } from "./helpers";

let sim: RunningSimulator;
let rx: Receiver;
let maison: string;
let velo: string;
let ig: string;

const ALL_FIELDS = "messages,message_echoes,message_deliveries,message_reads,message_reactions,message_edits,messaging_postbacks,messaging_referrals,standby,messaging_seen";

beforeAll(async () => {
  rx = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: rx.url } });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  velo = pages[1]!.id;
  ig = pages[0]!.igAccountId!;
});
afterAll(async () => {
  await sim.close();
  await rx.close();
});
afterEach(async () => {
  await sim.control("POST", "/webhooks/drain", { timeoutMs: 3000 });
  await sim.control("DELETE", "/faults");
  rx.posts.length = 0;
  rx.verifications.length = 0;
});

const subscribe = (pageId: string, fields = ALL_FIELDS) => graph(sim.url, "POST", `/${pageId}/subscribed_apps`, { access_token: sim.pageToken(pageId), subscribed_fields: fields }, { form: true });
const drain = () => sim.control<{ drained: boolean }>("POST", "/webhooks/drain", { timeoutMs: 3000 });
const contactOf = (channelId: string, i = 0) => sim.sim.world.sortedConversations(channelId)[i]!.contactId;

describe("subscription and verification", () => {
  it("nothing is delivered for a Page that is not subscribed", async () => {
    await sim.control("POST", "/customer/message", { channelId: velo, contactId: contactOf(velo), text: "anyone there?" });
    await drain();
    expect(rx.posts).toHaveLength(0);
  });

  it("POST subscribed_apps → {success:true}, runs the verification GET, GET lists the fields", async () => {
    const r = await subscribe(maison);
    expect(r.json).toEqual({ success: true });
    await rx.waitFor((x) => x.verifications.length > 0);
    const v = rx.verifications[0]!;
    expect(v.get("hub.mode")).toBe("subscribe");
    expect(v.get("hub.verify_token")).toBe(VERIFY_TOKEN);
    expect(v.get("hub.challenge")).toMatch(/^\d+$/);
    await new Promise((res) => setTimeout(res, 20));
    expect(sim.sim.webhooks.lastVerification).toMatchObject({ ok: true, status: 200 });
    const list = await graph(sim.url, "GET", `/${maison}/subscribed_apps`, { access_token: sim.pageToken(maison) });
    expect(list.json).toMatchObject({ data: [{ id: APP_ID, subscribed_fields: ALL_FIELDS.split(",") }] });
    const bad = await subscribe(maison, "messages,telepathy");
    expect(bad.json).toMatchObject({ error: { code: 100 } });
    const missing = await graph(sim.url, "POST", `/${maison}/subscribed_apps`, { access_token: sim.pageToken(maison) });
    expect(missing.json).toMatchObject({ error: { code: 100 } });
  });

  it("configuring the app verifies the callback (and reports a wrong verify token)", async () => {
    const ok = await sim.control<{ verification: { ok: boolean } }>("POST", "/app", { callbackUrl: rx.url });
    expect(ok.verification.ok).toBe(true);
    const bad = await sim.control<{ verification: { ok: boolean; status: number } }>("POST", "/app", { verifyToken: "wrong-token" });
    expect(bad.verification).toMatchObject({ ok: false, status: 403 });
    await sim.control("POST", "/app", { verifyToken: VERIFY_TOKEN });
  });
});

describe("signatures and body encoding", () => {
  it("signs the exact escaped bytes with X-Hub-Signature-256 (and legacy X-Hub-Signature)", async () => {
    await subscribe(maison);
    const text = "Zoé 👋 Müller — 日本語 https://example.com/a/b";
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison), text });
    await drain();
    expect(rx.posts).toHaveLength(1);
    const post = rx.posts[0]!;
    const raw = post.raw.toString("utf8");
    expect(post.headers["x-hub-signature-256"]).toBe(`sha256=${hmacHex("sha256", APP_SECRET, post.raw)}`);
    expect(post.headers["x-hub-signature"]).toBe(`sha1=${hmacHex("sha1", APP_SECRET, post.raw)}`);
    expect(post.headers["content-type"]).toBe("application/json");
    // Meta's escaped form: pure ASCII, lowercase \uXXXX, surrogate pairs, escaped slashes
    expect(/^[\x20-\x7e]*$/.test(raw)).toBe(true);
    expect(raw).toContain("Zo\\u00e9 \\ud83d\\udc4b M\\u00fcller \\u2014 \\u65e5\\u672c\\u8a9e https:\\/\\/example.com\\/a\\/b");
    // re-serialising the parsed JSON gives other bytes and another HMAC: receivers must hash the raw body
    const reserialised = JSON.stringify(JSON.parse(raw));
    expect(reserialised).not.toBe(raw);
    expect(`sha256=${hmacHex("sha256", APP_SECRET, reserialised)}`).not.toBe(post.headers["x-hub-signature-256"]);
    expect((post.body as { entry: Array<{ messaging: Array<{ message: { text: string } }> }> }).entry[0]!.messaging[0]!.message.text).toBe(text);
    // the delivery log holds the same bytes and signature
    const log = await sim.control<{ data: Array<{ body: string; signature256: string; outcome: string }> }>("GET", "/webhooks/log?outcome=delivered");
    const entry = log.data[log.data.length - 1]!;
    expect(entry.body).toBe(raw);
    expect(entry.signature256).toBe(post.headers["x-hub-signature-256"]);
  });
});

describe("event shapes", () => {
  it("customer message: object page, entry per Page, sender PSID → recipient Page, timestamps in ms of the simulated clock", async () => {
    await subscribe(maison);
    const contact = contactOf(maison);
    const r = await sim.control<{ messageId: string }>("POST", "/customer/message", {
      channelId: maison,
      contactId: contact,
      text: "Red",
      quickReplyPayload: "COLOR_RED",
      attachments: undefined,
    });
    await drain();
    const body = rx.posts[0]!.body as { object: string; entry: Array<Record<string, unknown>> };
    expect(body.object).toBe("page");
    expect(body.entry[0]).toMatchObject({ id: maison, time: T0 });
    const item = rx.items()[0]!.item;
    expect(item).toEqual({
      sender: { id: contact },
      recipient: { id: maison },
      timestamp: T0,
      message: { mid: r.messageId, text: "Red", quick_reply: { payload: "COLOR_RED" } },
    });
  });

  it("attachments of every kind, reply_to and ad referral on a message", async () => {
    await subscribe(maison);
    const contact = contactOf(maison, 1);
    const conv = sim.sim.world.conversationOfContact(contact)!;
    const replyTarget = conv.messages.find((m) => m.fromPage) ?? conv.messages[0]!;
    await sim.control("POST", "/customer/message", {
      channelId: maison,
      contactId: contact,
      attachments: [
        { type: "image", url: "https://example.com/photo.jpg" },
        { type: "video" },
        { type: "audio" },
        { type: "file", name: "receipt.pdf" },
      ],
      replyTo: replyTarget.id,
      referral: { ref: "spring", ad_id: "6045246247433", source: "ADS", type: "OPEN_THREAD", ads_context_data: { ad_title: "Spring sale", photo_url: "https://example.com/ad.jpg" } },
    });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: contact, attachments: [{ type: "sticker" }] });
    await drain();
    const [first, sticker] = rx.items().map((x) => x.item.message as Record<string, unknown>);
    const atts = first!.attachments as Array<{ type: string; payload: { url: string } }>;
    expect(atts.map((a) => a.type)).toEqual(["image", "video", "audio", "file"]);
    for (const a of atts) expect(a.payload.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__cdn\/att\//);
    expect(first!.reply_to).toEqual({ mid: replyTarget.id, is_self_reply: !replyTarget.fromPage });
    expect(first!.referral).toMatchObject({ source: "ADS", ad_id: "6045246247433" });
    expect(sticker!.attachments).toEqual([{ type: "sticker", payload: { url: expect.any(String), sticker_id: 369239263222822 } }]);
    // the CDN serves the attachment (redirect to the sender's URL, or a placeholder)
    const cdn = await fetch(atts[3]!.payload.url);
    expect(cdn.status).toBe(200);
    expect(cdn.headers.get("content-type")).toBe("application/pdf");
  });

  it("echo of our send: message_echoes in messaging, app_id as a JSON number, metadata; then a delivery with watermark", async () => {
    await subscribe(maison);
    const contact = contactOf(maison);
    const sent = await graph(sim.url, "POST", `/${maison}/messages`, {
      access_token: sim.pageToken(maison),
      recipient: { id: contact },
      messaging_type: "RESPONSE",
      message: { text: "On it! ✅", metadata: "inbox:msg:77" },
    });
    expect(sent.status).toBe(200);
    await rx.waitFor((x) => x.items().some((i) => "delivery" in i.item));
    await drain();
    const items = rx.items();
    const echo = items.find((i) => (i.item.message as { is_echo?: boolean } | undefined)?.is_echo)!;
    expect(echo.placement).toBe("messaging");
    expect(echo.item).toEqual({
      sender: { id: maison },
      recipient: { id: contact },
      timestamp: T0,
      message: { is_echo: true, app_id: Number(APP_ID), metadata: "inbox:msg:77", mid: sent.json.message_id, text: "On it! ✅" },
    });
    expect(rx.posts.some((p) => p.raw.toString().includes(`"app_id":${APP_ID}`))).toBe(true);
    const delivery = items.find((i) => "delivery" in i.item)!;
    expect(delivery.item).toEqual({ sender: { id: contact }, recipient: { id: maison }, delivery: { mids: [sent.json.message_id], watermark: T0 } });
  });

  it("echo of a Business Suite / other app message carries the other app_id", async () => {
    await subscribe(maison);
    const contact = contactOf(maison);
    const r = await sim.control<{ messageId: string }>("POST", "/business/send", { channelId: maison, contactId: contact, text: "Answered from the Page Inbox" });
    const r2 = await sim.control<{ messageId: string }>("POST", "/business/send", { channelId: maison, contactId: contact, text: "Sent by a chatbot", appId: "1234567890" });
    await drain();
    const echoes = rx.items().filter((i) => (i.item.message as { is_echo?: boolean } | undefined)?.is_echo);
    expect(echoes.map((e) => (e.item.message as { app_id: number }).app_id)).toEqual([Number(PAGE_INBOX_APP_ID), 1234567890]);
    expect(echoes.map((e) => (e.item.message as { mid: string }).mid)).toEqual([r.messageId, r2.messageId]);
    expect((echoes[0]!.item.message as Record<string, unknown>).metadata).toBeUndefined();
  });

  it("Instagram: object instagram, entry id = IG account, echo inside messages with is_echo, no deliveries", async () => {
    await subscribe(maison);
    const contact = contactOf(ig);
    await sim.control("POST", "/customer/message", { channelId: ig, contactId: contact, text: "Bonjour 👋" });
    const sent = await graph(sim.url, "POST", `/me/messages`, { access_token: sim.pageToken(maison), recipient: { id: contact }, message: { text: "Bonjour !" } });
    expect(sent.status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    await drain();
    const items = rx.items();
    expect(items.every((i) => i.object === "instagram" && i.entryId === ig)).toBe(true);
    expect(items.map((i) => Object.keys(i.item).sort().join(","))).toEqual(["message,recipient,sender,timestamp", "message,recipient,sender,timestamp"]);
    expect(items[1]!.item).toMatchObject({ sender: { id: ig }, recipient: { id: contact }, message: { is_echo: true, mid: sent.json.message_id, text: "Bonjour !" } });
    expect(items.some((i) => "delivery" in i.item)).toBe(false);
  });

  it("reads: Messenger watermark, Instagram messaging_seen with read.mid", async () => {
    await subscribe(maison);
    const m = contactOf(maison);
    const i = contactOf(ig);
    await sim.control("POST", "/customer/read", { channelId: maison, contactId: m });
    const seen = await sim.control<{ mid: string }>("POST", "/customer/read", { channelId: ig, contactId: i });
    await drain();
    const items = rx.items();
    expect(items.find((x) => x.object === "page")!.item).toEqual({ sender: { id: m }, recipient: { id: maison }, timestamp: T0, read: { watermark: T0 } });
    expect(items.find((x) => x.object === "instagram")!.item).toEqual({ sender: { id: i }, recipient: { id: ig }, timestamp: T0, read: { mid: seen.mid } });
  });

  it("reactions: Messenger react/unreact with reaction+emoji; Instagram unreact omits them", async () => {
    await subscribe(maison);
    const m = contactOf(maison);
    const mid = sim.sim.world.conversationOfContact(m)!.messages.at(-1)!.id;
    await sim.control("POST", "/customer/reaction", { channelId: maison, contactId: m, mid, emoji: "❤️" });
    await sim.control("POST", "/customer/reaction", { channelId: maison, contactId: m, mid, emoji: "❤️", action: "unreact" });
    const i = contactOf(ig);
    const imid = sim.sim.world.conversationOfContact(i)!.messages.at(-1)!.id;
    await sim.control("POST", "/customer/reaction", { channelId: ig, contactId: i, mid: imid, emoji: "😮" });
    await sim.control("POST", "/customer/reaction", { channelId: ig, contactId: i, mid: imid, action: "unreact" });
    await drain();
    const r = rx.items().map((x) => x.item.reaction);
    expect(r).toEqual([
      { reaction: "love", emoji: "❤️", action: "react", mid },
      { reaction: "love", emoji: "❤️", action: "unreact", mid },
      { mid: imid, action: "react", reaction: "wow", emoji: "😮" },
      { mid: imid, action: "unreact" },
    ]);
  });

  it("edits (message_edit) and Instagram unsend (is_deleted); Messenger unsend sends nothing", async () => {
    await subscribe(maison);
    const m = contactOf(maison);
    const sent = await sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: maison, contactId: m, text: "Order #123" });
    await sim.control("POST", "/customer/edit", { channelId: maison, contactId: m, mid: sent.messageId, text: "Order #124" });
    await sim.control("POST", "/customer/unsend", { channelId: maison, contactId: m, mid: sent.messageId });
    const i = contactOf(ig);
    const isent = await sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: ig, contactId: i, text: "oops" });
    await sim.control("POST", "/customer/unsend", { channelId: ig, contactId: i, mid: isent.messageId });
    await drain();
    const items = rx.items();
    expect(items.map((x) => Object.keys(x.item).filter((k) => !["sender", "recipient", "timestamp"].includes(k))[0])).toEqual(["message", "message_edit", "message", "message"]);
    expect(items[1]!.item.message_edit).toEqual({ mid: sent.messageId, text: "Order #124", num_edit: 1 });
    expect(items[3]!.item.message).toEqual({ mid: isent.messageId, is_deleted: true });
    // unsent messages disappear from the Conversations API
    const list = await graph<{ data: Array<{ id: string }> }>(sim.url, "GET", `/${sim.sim.world.conversationOfContact(i)!.id}/messages`, { access_token: sim.pageToken(maison) });
    expect(list.json.data.map((x) => x.id)).not.toContain(isent.messageId);
  });

  it("postbacks (incl. a user_ref sender) and referrals (m.me / ig.me links)", async () => {
    await subscribe(maison);
    const m = contactOf(maison);
    const pb = await sim.control<{ messageId: string }>("POST", "/customer/postback", { channelId: maison, contactId: m, title: "Track my order", payload: "TRACK", referral: { ref: "faq", source: "SHORTLINK", type: "OPEN_THREAD" } });
    const anon = await sim.control<{ userRef: string; messageId: string }>("POST", "/customer/postback", { channelId: maison, newContact: { name: "Web Visitor" }, asUserRef: true, title: "Get Started", payload: "GET_STARTED" });
    await sim.control("POST", "/customer/referral", { channelId: maison, contactId: m, ref: "summer", source: "SHORTLINK" });
    await sim.control("POST", "/customer/referral", { channelId: ig, contactId: contactOf(ig), ref: "bio-link", source: "IGME" });
    await drain();
    const items = rx.items();
    expect(items[0]!.item.postback).toEqual({ title: "Track my order", payload: "TRACK", mid: pb.messageId, referral: { ref: "faq", source: "SHORTLINK", type: "OPEN_THREAD" } });
    expect(items[1]!.item.sender).toEqual({ user_ref: anon.userRef });
    expect(items[2]!.item.referral).toEqual({ ref: "summer", source: "SHORTLINK", type: "OPEN_THREAD" });
    expect(items[3]).toMatchObject({ object: "instagram", item: { referral: { ref: "bio-link", source: "IGME", type: "OPEN_THREAD" } } });
  });

  it("standby: when another app owns the threads, customer events arrive in standby; postbacks lack payload", async () => {
    await subscribe(maison);
    await sim.control("POST", `/channels/${maison}/thread-owner`, { owner: "other" });
    try {
      const m = contactOf(maison);
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "hello?" });
      await sim.control("POST", "/customer/postback", { channelId: maison, contactId: m, title: "Menu", payload: "MENU" });
      await drain();
      const items = rx.items();
      expect(items.map((i) => i.placement)).toEqual(["standby", "standby"]);
      expect(items[1]!.item.postback).toEqual({ title: "Menu", mid: expect.any(String) });
      const raw = rx.posts[0]!.raw.toString();
      expect(raw).toContain('"standby":[');
      expect(raw).not.toContain('"messaging":[');
    } finally {
      await sim.control("POST", `/channels/${maison}/thread-owner`, { owner: "us" });
    }
  });

  it("only subscribed fields are delivered", async () => {
    await subscribe(maison, "messages");
    const m = contactOf(maison);
    await sim.control("POST", "/customer/read", { channelId: maison, contactId: m });
    await sim.control("POST", "/business/send", { channelId: maison, contactId: m, text: "echo not subscribed" });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "subscribed" });
    await drain();
    expect(rx.items().map((i) => Object.keys(i.item).includes("message"))).toEqual([true]);
    await subscribe(maison);
  });
});

describe("delivery mechanics", () => {
  it("batches several entries and events in one POST per object", async () => {
    await subscribe(maison);
    await subscribe(velo);
    // A window longer than any machine needs for four calls; drain() flushes it (no race with a short timer).
    sim.sim.updateConfig({ webhooks: { batchWindowMs: 60_000 } });
    try {
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison), text: "one" });
      await sim.control("POST", "/customer/message", { channelId: velo, contactId: contactOf(velo), text: "two" });
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison, 1), text: "three" });
      await sim.control("POST", "/customer/message", { channelId: ig, contactId: contactOf(ig), text: "four" });
      await drain();
    } finally {
      sim.sim.updateConfig({ webhooks: { batchWindowMs: 2 } });
    }
    expect(rx.posts).toHaveLength(2);
    const page = rx.posts.map((p) => p.body as { object: string; entry: Array<{ id: string; messaging: unknown[] }> }).find((b) => b.object === "page")!;
    expect(page.entry.map((e) => [e.id, e.messaging.length])).toEqual([
      [maison, 2],
      [velo, 1],
    ]);
  });

  it("retries non-2xx answers with backoff until delivered; gives up after maxAttempts", async () => {
    await subscribe(maison);
    rx.failNext(500, 503);
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison), text: "retry me" });
    await drain();
    expect(rx.posts).toHaveLength(1);
    const log = await sim.control<{ data: Array<{ outcome: string; status: number; attempt: number; batchId: number }> }>("GET", "/webhooks/log?limit=3");
    expect(log.data.map((e) => [e.outcome, e.status, e.attempt])).toEqual([
      ["failed", 500, 1],
      ["failed", 503, 2],
      ["delivered", 200, 3],
    ]);
    sim.sim.updateConfig({ webhooks: { maxAttempts: 2 } });
    try {
      rx.failNext(500, 500);
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison), text: "lost" });
      await drain();
      const last = await sim.control<{ data: Array<{ outcome: string }> }>("GET", "/webhooks/log?limit=1");
      expect(last.data[0]!.outcome).toBe("gave_up");
    } finally {
      sim.sim.updateConfig({ webhooks: { maxAttempts: 6 } });
    }
  });

  it("counts a slow answer as a timeout and retries", async () => {
    await subscribe(maison);
    sim.sim.updateConfig({ webhooks: { timeoutMs: 50 } });
    rx.delayMs = 120;
    try {
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: contactOf(maison), text: "slow" });
      await new Promise((r) => setTimeout(r, 80));
      rx.delayMs = 0;
      await drain();
    } finally {
      sim.sim.updateConfig({ webhooks: { timeoutMs: 1000 } });
      rx.delayMs = 0;
    }
    const log = await sim.control<{ data: Array<{ outcome: string; error: string | null; batchId: number }> }>("GET", "/webhooks/log?limit=20");
    const batchId = log.data.at(-1)!.batchId;
    const attempts = log.data.filter((e) => e.batchId === batchId);
    expect(attempts[0]).toMatchObject({ outcome: "failed", error: expect.stringContaining("timeout") });
    expect(attempts.at(-1)!.outcome).toBe("delivered");
    // the receiver still processed every timed-out POST: at-least-once, each retry carries the same bytes
    await rx.waitFor((x) => x.posts.length === attempts.length);
    expect(rx.posts.every((p) => p.raw.equals(rx.posts[0]!.raw))).toBe(true);
  });

  it("injected faults: duplicate delivery, drop, and out-of-order delivery (seeded)", async () => {
    await subscribe(maison);
    const m = contactOf(maison);
    await sim.control("POST", "/faults", { seed: 5, webhooks: { duplicate: 1 } });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "twice" });
    await drain();
    expect(rx.posts).toHaveLength(2);
    expect(rx.posts[0]!.raw.equals(rx.posts[1]!.raw)).toBe(true);

    rx.posts.length = 0;
    await sim.control("POST", "/faults", { webhooks: { duplicate: 0, drop: 1 } });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "never arrives" });
    await drain();
    expect(rx.posts).toHaveLength(0);
    const dropped = await sim.control<{ data: Array<{ outcome: string; body: string }> }>("GET", "/webhooks/log?outcome=dropped");
    expect(dropped.data.at(-1)!.body).toContain("never arrives");

    // The held batch waits for the next one however slow this machine is (no race with the hold's timer).
    await sim.control("POST", "/faults", { webhooks: { drop: 0, reorder: 1, reorderHoldMs: 30_000 } });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "first" });
    await new Promise((r) => setTimeout(r, 15));
    await sim.control("POST", "/faults", { webhooks: { reorder: 0 } });
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: m, text: "second" });
    await drain();
    expect(rx.items().map((i) => (i.item.message as { text: string }).text)).toEqual(["second", "first"]);
  });
});
