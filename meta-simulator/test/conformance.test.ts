// Conformance with the real payload corpus (fixtures/) and REFERENCE.md's error table: the simulator's
// webhooks and Graph answers have the same keys and value types as Meta's examples. Corpus caveats
// (fixtures/README.md) are handled explicitly: legacy `seq`, placeholders ("<INT>", "UNIX-TIMESTAMP"),
// partial doc excerpts, and jgorset's wrong `type` strings (we compare types, not values).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { HOUR } from "../src/clock";
import type { ConversationRec } from "../src/world";
import { T0, fixture, graph, shapeDiff, startReceiver, startTestSim, type Receiver } from "./helpers";

let sim: RunningSimulator;
let rx: Receiver;
let maison: string;
let velo: string;
let ig: string;

beforeAll(async () => {
  rx = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: rx.url } });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  velo = pages[1]!.id;
  ig = pages[0]!.igAccountId!;
  for (const p of [maison, velo]) {
    await graph(sim.url, "POST", `/${p}/subscribed_apps`, { access_token: sim.pageToken(p), subscribed_fields: "messages,message_echoes,message_deliveries,message_reads,message_reactions,message_edits,messaging_postbacks,messaging_referrals,standby" });
  }
});
afterAll(async () => {
  await sim.close();
  await rx.close();
});

const fresh = (channelId: string): ConversationRec => sim.sim.world.sortedConversations(channelId).find((c) => T0 - (c.lastOpenerAt ?? 0) < HOUR)!;

/** Runs `act`, waits for webhooks, returns the items (and posts) it produced. */
async function capture(act: () => Promise<unknown>) {
  await sim.control("POST", "/webhooks/drain", {});
  rx.posts.length = 0;
  await act();
  await new Promise((r) => setTimeout(r, 20)); // auto-delivery fires a few ms after a send
  await sim.control("POST", "/webhooks/drain", {});
  return { items: rx.items(), posts: rx.posts.map((p) => p.body as Record<string, unknown>) };
}

const LEGACY = ["seq"];

function expectShape(actual: unknown, expected: unknown, opts: Parameters<typeof shapeDiff>[2] = {}) {
  const diffs = shapeDiff(actual, expected, { ...opts, ignore: [...LEGACY, ...(opts.ignore ?? [])] });
  expect(diffs, JSON.stringify(actual)).toEqual([]);
}

describe("webhooks vs the corpus", () => {
  it("text message envelope (meta-docs page envelope, Vlix regular_text_callback, bottender request)", async () => {
    const c = fresh(maison);
    const { posts } = await capture(() => sim.control("POST", "/customer/message", { channelId: maison, contactId: c.contactId, text: "hello, world!" }));
    expectShape(posts[0], fixture("meta-docs/graph_api/webhook_page_envelope_example.json"));
    expectShape(posts[0], fixture("Vlix+facebookmessenger/callback/regular_text_callback.json"));
    expectShape(posts[0], fixture("Yoctol+bottender/webhook_bodies_2018/request.json"));
  });

  it("quick reply, reply_to, attachments and sticker items (meta-docs mirror/messages)", async () => {
    const c = fresh(maison);
    const target = c.messages.find((m) => m.fromPage) ?? c.messages[0]!;
    const { items } = await capture(async () => {
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: c.contactId, text: "hello, world!", quickReplyPayload: "P" });
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: c.contactId, text: "hello, world!", replyTo: target.id });
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: c.contactId, attachments: [{ type: "image" }] });
      await sim.control("POST", "/customer/message", { channelId: maison, contactId: c.contactId, attachments: [{ type: "sticker" }] });
    });
    expectShape(items[0]!.item, fixture("meta-docs/mirror/messages/messages_01.json"));
    expectShape(items[1]!.item, fixture("meta-docs/mirror/messages/messages_02.json"));
    const entry3 = fixture<{ messaging: unknown[] }>("meta-docs/mirror/messages/messages_03.json");
    expectShape(items[2]!.item, entry3.messaging[0]);
    expectShape(items[3]!.item, fixture<{ messaging: unknown[] }>("meta-docs/mirror/messages/messages_04.json").messaging[0]);
    expectShape(items[2]!.item, fixture("Yoctol+bottender/messaging_events_2018/imageMessage.json"));
    expectShape(items[0]!.item, fixture("Vlix+facebookmessenger/callback/text_qr_callback.json"));
  });

  it("echo of our send (message_echoes common fields, bottender echoRequest) and delivery / read", async () => {
    const c = fresh(maison);
    const { items, posts } = await capture(() =>
      graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), recipient: { id: c.contactId }, messaging_type: "RESPONSE", message: { text: "test test", metadata: "m" } }),
    );
    const echo = items.find((i) => (i.item.message as { is_echo?: boolean })?.is_echo)!.item;
    expectShape(echo, fixture("meta-docs/message_echoes_common.json"), { allowExtra: ["message.text"] });
    expectShape(echo, fixture("Vlix+facebookmessenger/callback/echo_callback_text.json"), { allowExtra: ["message.metadata"] });
    expectShape(posts[0], fixture("Yoctol+bottender/webhook_bodies_2018/echoRequest.json"), { allowExtra: ["entry[].messaging[].message.metadata"] });
    const delivery = items.find((i) => "delivery" in i.item)!.item;
    expectShape(delivery, fixture("meta-docs/message_deliveries.json"));
    expectShape(delivery, fixture("meta-docs/mirror/message_deliveries/message_deliveries_01.json"));
    const read = await capture(() => sim.control("POST", "/customer/read", { channelId: maison, contactId: c.contactId }));
    expectShape(read.items[0]!.item, fixture("meta-docs/message_reads.json"));
    expectShape(read.items[0]!.item, fixture("Vlix+facebookmessenger/callback/read_callback.json"));
  });

  it("reactions, edits, postbacks, referrals (Messenger)", async () => {
    const c = fresh(maison);
    const mid = c.messages.at(-1)!.id;
    const { items } = await capture(async () => {
      await sim.control("POST", "/customer/reaction", { channelId: maison, contactId: c.contactId, mid, emoji: "❤️" });
      await sim.control("POST", "/customer/reaction", { channelId: maison, contactId: c.contactId, mid, emoji: "❤️", action: "unreact" });
      const m = await sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: maison, contactId: c.contactId, text: "typo" });
      await sim.control("POST", "/customer/edit", { channelId: maison, contactId: c.contactId, mid: m.messageId, text: "fixed" });
      await sim.control("POST", "/customer/postback", { channelId: maison, contactId: c.contactId, title: "Get Started", payload: "GET_STARTED" });
      await sim.control("POST", "/customer/referral", { channelId: maison, contactId: c.contactId, ref: "r", source: "SHORTLINK" });
      await sim.control("POST", "/customer/referral", {
        channelId: maison,
        contactId: c.contactId,
        ref: "ad",
        adId: "1",
        adsContextData: { ad_title: "t", photo_url: "u", video_url: "v", post_id: "p", product_id: "x", flow_id: "f" },
      });
    });
    expectShape(items[0]!.item, fixture("meta-docs/message_reactions.json"));
    expectShape(items[1]!.item, fixture("Yoctol+bottender/messaging_events_2020/reactionUnreact.json"));
    expectShape(items[3]!.item, fixture("meta-docs/message_edits.json"), { types: { "message_edit.num_edit": "number" } });
    // the docs' basic postback predates `mid`, which current postbacks carry
    expectShape(items[4]!.item, fixture("meta-docs/graph_api/webhook_postback_basic.json"), { allowExtra: ["postback.mid"] });
    expectShape(items[4]!.item, fixture("Vlix+facebookmessenger/callback/postback_callback.json"), { allowExtra: ["postback.mid"] });
    expectShape(items[5]!.item, fixture("meta-docs/mirror/messaging_referrals/messaging_referrals_01.json"));
    expectShape(items[6]!.item, fixture("meta-docs/mirror/messaging_referrals/messaging_referrals_02.json"));
  });

  it("user_ref postback (Postback Button Setup field/value example)", async () => {
    const { items } = await capture(() =>
      sim.control("POST", "/customer/postback", { channelId: maison, newContact: { name: "Plugin User" }, asUserRef: true, title: "T", payload: "P", referral: { ref: "r", source: "SHORT-URL", type: "OPEN_THREAD" } }),
    );
    const doc = fixture<{ value: unknown }>("meta-docs/graph_api/webhook_postback_user_ref_referral.json");
    // the doc shows a string timestamp in seconds (corpus caveat); Meta sends ms numbers elsewhere
    expectShape(items[0]!.item, doc.value, { types: { timestamp: "number" } });
  });

  it("Instagram: seen, reactions, postbacks, referral, unsend (Instagram Platform examples)", async () => {
    const c = fresh(ig);
    await graph(sim.url, "POST", `/me/messages`, { access_token: sim.pageToken(maison), recipient: { id: c.contactId }, message: { text: "Hi Kitty!" } });
    const mid = c.messages.at(-1)!.id;
    const { posts, items } = await capture(async () => {
      await sim.control("POST", "/customer/read", { channelId: ig, contactId: c.contactId });
      await new Promise((r) => setTimeout(r, 10));
      await sim.control("POST", "/customer/reaction", { channelId: ig, contactId: c.contactId, mid, emoji: "❤️" });
      await new Promise((r) => setTimeout(r, 10));
      await sim.control("POST", "/customer/postback", { channelId: ig, contactId: c.contactId, title: "Icebreaker", payload: "ICE" });
      await new Promise((r) => setTimeout(r, 10));
      await sim.control("POST", "/customer/referral", { channelId: ig, contactId: c.contactId, ref: "x", source: "IGME" });
      await new Promise((r) => setTimeout(r, 10));
      const m = await sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: ig, contactId: c.contactId, text: "oops" });
      await sim.control("POST", "/customer/unsend", { channelId: ig, contactId: c.contactId, mid: m.messageId });
    });
    expect(posts.every((p) => p.object === "instagram")).toBe(true);
    expectShape(posts[0], fixture("meta-docs/ig_messaging_seen.json"));
    expectShape(posts[1], fixture("meta-docs/ig_message_reactions.json"));
    expectShape(posts[2], fixture("meta-docs/ig_messaging_postbacks.json"));
    expectShape(posts[3], fixture("meta-docs/ig_messaging_referral.json"));
    // the "all optional fields" example merges every key: our message keys must be a subset with the same types
    const all = fixture<{ entry: Array<{ messaging: Array<{ message: Record<string, unknown> }> }> }>("meta-docs/ig_message_all_optional_fields.json").entry[0]!.messaging[0]!.message;
    for (const it of items.slice(-2)) {
      const msg = it.item.message as Record<string, unknown>;
      for (const [k, v] of Object.entries(msg)) {
        expect(Object.keys(all)).toContain(k);
        expect(shapeDiff(v, all[k])).toEqual([]);
      }
    }
    expect((items.at(-1)!.item.message as Record<string, unknown>).is_deleted).toBe(true);
  });

  it("IG ig.me referral on a postback (Using ig.me Links)", async () => {
    const c = fresh(ig);
    const { posts } = await capture(() => sim.control("POST", "/customer/postback", { channelId: ig, contactId: c.contactId, title: "T", payload: "P", referral: { ref: "r", source: "SHORTLINKS", type: "OPEN_THREAD" } }));
    expectShape(posts[0], fixture("meta-docs/graph_api/webhook_ig_referral_igme_postback.json"));
  });

  it("standby envelope (Vlix standby_callback; meta-docs standby excerpt is partial)", async () => {
    await sim.control("POST", `/channels/${velo}/thread-owner`, { owner: "other" });
    try {
      const c = fresh(velo) ?? sim.sim.world.sortedConversations(velo)[0]!;
      const { posts } = await capture(() => sim.control("POST", "/customer/message", { channelId: velo, contactId: c.contactId, text: "This is a text message" }));
      expectShape(posts[0], fixture("Vlix+facebookmessenger/callback/standby_callback.json"));
      expectShape(posts[0], fixture("meta-docs/graph_api/webhook_standby_envelope.json"), { allowExtra: ["entry[].standby[].timestamp", "entry[].standby[].message"] });
    } finally {
      await sim.control("POST", `/channels/${velo}/thread-owner`, { owner: "us" });
    }
  });

  it("two entries in one POST (bottender batchRequest)", async () => {
    sim.sim.updateConfig({ webhooks: { batchWindowMs: 30 } });
    try {
      const { posts } = await capture(async () => {
        await sim.control("POST", "/customer/message", { channelId: maison, contactId: fresh(maison).contactId, text: "test 1" });
        await sim.control("POST", "/customer/message", { channelId: velo, contactId: sim.sim.world.sortedConversations(velo)[0]!.contactId, text: "test 2" });
      });
      expect(posts).toHaveLength(1);
      expectShape(posts[0], fixture("Yoctol+bottender/webhook_bodies_2018/batchRequest.json"));
    } finally {
      sim.sim.updateConfig({ webhooks: { batchWindowMs: 2 } });
    }
  });
});

describe("Graph responses vs the corpus", () => {
  const token = () => sim.pageToken(maison);

  it("conversations list, user_id lookup, messages list, is_owner", async () => {
    const list = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: token(), platform: "messenger" });
    expectShape(list.json, fixture("meta-docs/graph_api/conversations_list_response.json"), { allowExtra: ["paging"] });
    const c = fresh(maison);
    const byUser = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: token(), platform: "messenger", user_id: c.contactId });
    expectShape(byUser.json, fixture("meta-docs/graph_api/conversations_by_user_id_response.json"));
    const msgs = await graph(sim.url, "GET", `/${c.id}`, { access_token: token(), fields: "messages" });
    expectShape(msgs.json, fixture("meta-docs/graph_api/conversation_messages_response.json"), { allowExtra: ["messages.paging"] });
    const owner = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: token(), platform: "messenger", fields: "messages,is_owner", limit: 2 });
    expectShape(owner.json, fixture("meta-docs/graph_api/conversations_is_owner_response.json"), { allowExtra: ["paging", "data[].messages.paging"] });
  });

  it("paging keys of a middle page (Paginated Results example)", async () => {
    const p1 = await graph<{ paging: { next: string } }>(sim.url, "GET", `/${maison}/conversations`, { access_token: token(), platform: "messenger", limit: 3 });
    const p2 = await graph(sim.url, "GET", p1.json.paging.next);
    expectShape({ paging: p2.json.paging }, { paging: fixture<{ paging: unknown }>("meta-docs/graph_api/paging_cursor_example.json").paging });
  });

  it("Instagram message details with reply_to (Conversations API example)", async () => {
    const c = fresh(ig);
    const pageMsg = c.messages.find((m) => m.fromPage) ?? c.messages[0]!;
    const m = await sim.control<{ messageId: string }>("POST", "/customer/message", { channelId: ig, contactId: c.contactId, text: "Hi Kitty!", replyTo: pageMsg.id });
    const r = await graph(sim.url, "GET", `/${m.messageId}`, { access_token: token(), fields: "id,created_time,to,from,message,reply_to" });
    expectShape(r.json, fixture("meta-docs/graph_api/message_details_ig_response.json"));
  });

  it("send responses: regular, user_ref, reusable attachment, attachment upload", async () => {
    const c = fresh(maison);
    const regular = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: token(), recipient: { id: c.contactId }, message: { text: "x" } });
    expectShape(regular.json, fixture("meta-docs/graph_api/send_response.json"));
    expectShape(regular.json, fixture("Vlix+facebookmessenger/response/message_response_regular.json"));
    expectShape(regular.json, fixture("Yoctol+messaging-apis/send_response_mid_legacy.json"));
    const pb = await sim.control<{ userRef: string }>("POST", "/customer/postback", { channelId: maison, newContact: { name: "Ref User" }, asUserRef: true, title: "T", payload: "P" });
    const ref = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: token(), recipient: { user_ref: pb.userRef }, message: { text: "x" } });
    expectShape(ref.json, fixture("Vlix+facebookmessenger/response/message_response_ref.json"));
    const att = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: token(), recipient: { id: c.contactId }, message: { attachment: { type: "image", payload: { url: "https://example.com/file.jpg", is_reusable: true } } } });
    expectShape(att.json, fixture("Vlix+facebookmessenger/response/message_response_attachment.json"));
    const up = await graph(sim.url, "POST", `/${maison}/message_attachments`, { access_token: token(), message: { attachment: { type: "image", payload: { url: "https://example.com/x.jpg", is_reusable: true } } } });
    expectShape(up.json, fixture("Vlix+facebookmessenger/response/attachment_upload.json"));
    const sub = await graph(sim.url, "POST", `/${maison}/subscribed_apps`, { access_token: token(), subscribed_fields: "messages" });
    expectShape(sub.json, fixture("Vlix+facebookmessenger/response/thread_control.json"));
    await graph(sim.url, "POST", `/${maison}/subscribed_apps`, { access_token: token(), subscribed_fields: "messages,message_echoes,message_deliveries,message_reads,message_reactions,message_edits,messaging_postbacks,messaging_referrals,standby" });
  });

  it("the user profile is a subset of Vlix user_profile with the same types", async () => {
    const c = fresh(maison);
    const r = await graph(sim.url, "GET", `/${c.contactId}`, { access_token: token(), fields: "first_name,last_name,profile_pic,locale" });
    const doc = fixture<Record<string, unknown>>("Vlix+facebookmessenger/response/user_profile.json");
    for (const [k, v] of Object.entries(r.json)) expect(shapeDiff(v, doc[k]), k).toEqual([]);
  });

  it("batch: items with headers and string bodies; a 403 item (Batch Requests, messaging-apis)", async () => {
    const c = fresh(maison);
    const ok = await graph<unknown[]>(sim.url, "POST", "/", {
      access_token: token(),
      include_headers: "true",
      batch: JSON.stringify([{ method: "POST", relative_url: "me/messages", body: `messaging_type=UPDATE&recipient=${encodeURIComponent(JSON.stringify({ id: c.contactId }))}&message=${encodeURIComponent(JSON.stringify({ text: "Hello" }))}` }]),
    }, { form: true });
    expectShape(ok.json, fixture("Yoctol+messaging-apis/batch_response_send_with_headers.json"));
    const veloConv = sim.sim.world.sortedConversations(velo).find((x) => T0 - (x.lastOpenerAt ?? 0) > 25 * HOUR && T0 - (x.lastOpenerAt ?? 0) < 7 * 24 * HOUR)!;
    const denied = await graph<Array<{ code: number }>>(sim.url, "POST", "/", {
      access_token: sim.pageToken(velo),
      batch: JSON.stringify([{ method: "POST", relative_url: "me/messages", body: `messaging_type=MESSAGE_TAG&tag=HUMAN_AGENT&recipient=${encodeURIComponent(JSON.stringify({ id: veloConv.contactId }))}&message=${encodeURIComponent(JSON.stringify({ text: "x" }))}` }]),
    }, { form: true });
    expect(denied.json[0]!.code).toBe(403);
    expectShape(denied.json, fixture("meta-docs/graph_api/batch_response_item_error_403.json"), { allowExtra: ["[].headers[]"] });
    const names = await graph<unknown[]>(sim.url, "POST", "/", { access_token: sim.userToken, include_headers: "false", batch: JSON.stringify([{ method: "GET", relative_url: maison }, { method: "GET", relative_url: velo }]) }, { form: true });
    expectShape(names.json, fixture("meta-docs/graph_api/batch_response_example.json"));
  });

  it("usage headers (Rate Limits examples)", async () => {
    const r = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: token(), platform: "messenger" });
    expectShape(JSON.parse(r.headers.get("x-app-usage")!), fixture<Record<string, unknown>>("meta-docs/graph_api/header_x_app_usage.json")["x-app-usage"]);
    const buc = JSON.parse(r.headers.get("x-business-use-case-usage")!) as Record<string, unknown[]>;
    const doc = fixture<{ "x-business-use-case-usage": Record<string, unknown[]> }>("meta-docs/graph_api/header_x_business_use_case_usage.json")["x-business-use-case-usage"];
    expect(Object.keys(buc)).toEqual([maison]);
    expectShape(buc[maison], doc["10153848260347724"]);
  });
});

describe("errors vs the corpus and REFERENCE §5", () => {
  interface Collected {
    code: number;
    subcode: number | undefined;
    status: number;
    body: { error: Record<string, unknown> };
  }
  const collected: Collected[] = [];
  const call = async (method: string, path: string, params: Record<string, unknown>) => {
    const r = await graph<{ error: Record<string, unknown> }>(sim.url, method, path, params);
    expect(r.json.error, r.text).toBeDefined();
    const e = { code: r.json.error.code as number, subcode: r.json.error.error_subcode as number | undefined, status: r.status, body: r.json };
    collected.push(e);
    return e;
  };

  it("produces the documented error shapes", async () => {
    const c = fresh(maison);
    const old = sim.sim.world.sortedConversations(maison).find((x) => T0 - (x.lastOpenerAt ?? 0) >= 25 * HOUR && T0 - (x.lastOpenerAt ?? 0) < 30 * HOUR)!;
    const t = sim.pageToken(maison);
    const send = (body: Record<string, unknown>) => call("POST", `/${maison}/messages`, { access_token: t, ...body });

    const invalid = await call("GET", "/me", { access_token: "EAAnonsense" });
    expectShape(invalid.body, fixture("jgorset+facebook-messenger/bot/error_response_5.json"));
    const windowed = await send({ recipient: { id: old.contactId }, messaging_type: "RESPONSE", message: { text: "x" } });
    expectShape(windowed.body, fixture("jgorset+facebook-messenger/bot/error_response_6.json")); // 10 + subcode shape
    const noUser = await send({ recipient: { id: "1" }, message: { text: "x" } });
    expectShape(noUser.body, fixture("jgorset+facebook-messenger/bot/error_response_4.json"));
    const news = await send({ recipient: { id: c.contactId }, messaging_type: "MESSAGE_TAG", tag: "NON_PROMOTIONAL_SUBSCRIPTION", message: { text: "x" } });
    expectShape(news.body, fixture("jgorset+facebook-messenger/bot/error_response_6.json"));
    const phone = await send({ recipient: { phone_number: "+1" }, message: { text: "x" } });
    expectShape(phone.body, fixture("jgorset+facebook-messenger/bot/error_response_11.json"));
    const param = await send({ recipient: { id: c.contactId }, messaging_type: "MESSAGE_TAG", tag: "ACCOUNT_UPDATE", message: { text: "x" } });
    expectShape(param.body, fixture("jgorset+facebook-messenger/bot/error_response_3.json"));
    const overrun = await call("GET", `/${maison}/conversations`, { access_token: t, platform: "messenger", after: "Z2FyYmFnZQ==" });
    expect(overrun.body.error.message).toBe(fixture<{ error: { message: string } }>("meta-docs/graph_api/error_100_after_cursor_limit.json").error.message);
    expectShape(overrun.body, fixture("meta-docs/graph_api/error_100_after_cursor_limit.json"), { allowExtra: ["error.fbtrace_id"] });
    const badPlatform = await call("GET", `/${maison}/conversations`, { access_token: t, platform: "whatsapp" });
    expect(badPlatform.code).toBe(100);

    const ivToken = sim.sim.ids.token();
    sim.sim.world.tokens.set(ivToken, { ...sim.sim.world.tokens.get(t)!, token: ivToken });
    sim.sim.invalidateToken(ivToken);
    const invalidated = await call("GET", `/${maison}`, { access_token: ivToken });
    expectShape(invalidated.body, fixture("meta-docs/graph_api/error_generic_shape_190_460.json"));
    expectShape(invalidated.body, fixture("Yoctol+messaging-apis/error_190_example_from_docs.json"), { allowExtra: ["error.error_user_title", "error.error_user_msg"] });
  });

  it("throttling errors have the Rate Limits shape (613, 80006, 80002)", async () => {
    sim.sim.updateConfig({ limits: { conversationsPerSecond: 1, sendPerSecond: 1, graceMs: 0 } });
    try {
      const t = sim.pageToken(maison);
      await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: t, platform: "messenger" });
      const conv = await call("GET", `/${maison}/conversations`, { access_token: t, platform: "messenger" });
      expect(conv.code).toBe(613);
      expectShape(conv.body, fixture("jgorset+facebook-messenger/bot/error_response_2.json"));
      expectShape(conv.body, fixture("meta-docs/graph_api/error_32_page_request_limit.json"));
      const c = fresh(maison);
      await graph(sim.url, "POST", `/${maison}/messages`, { access_token: t, recipient: { id: c.contactId }, message: { text: "1" } });
      const msgr = await call("POST", `/${maison}/messages`, { access_token: t, recipient: { id: c.contactId }, message: { text: "2" } });
      expect(msgr.code).toBe(80006);
      expectShape(msgr.body, fixture("meta-docs/graph_api/error_80001_buc_pages.json"));
      const i = fresh(ig);
      await graph(sim.url, "POST", `/me/messages`, { access_token: t, recipient: { id: i.contactId }, message: { text: "1" } });
      const igr = await call("POST", `/me/messages`, { access_token: t, recipient: { id: i.contactId }, message: { text: "2" } });
      expect(igr.code).toBe(80002);
      expectShape(igr.body, fixture("meta-docs/graph_api/error_80001_buc_pages.json"));
    } finally {
      sim.sim.updateConfig({ limits: { conversationsPerSecond: null, sendPerSecond: null, graceMs: 50 } });
    }
  });

  it("every inbox-facing (code, subcode) produced is listed in REFERENCE §5, with the documented HTTP status", async () => {
    // a few more that the suites above do not produce here
    const igOld = sim.sim.world.sortedConversations(ig).find((x) => T0 - (x.lastOpenerAt ?? 0) > 25 * HOUR)!;
    await call("POST", `/me/messages`, { access_token: sim.pageToken(maison), recipient: { id: igOld.contactId }, message: { text: "x" } });
    await call("POST", `/${ig}/messages`, { access_token: sim.pageToken(maison), recipient: { id: "999" }, message: { text: "x" } });
    await call("GET", `/${velo}`, { access_token: sim.pageToken(maison) });
    const reference = readFileSync(join(import.meta.dirname, "..", "REFERENCE.md"), "utf8");
    const section = reference.slice(reference.indexOf("## 5. Errors"), reference.indexOf("## 6."));
    const listed = new Set<string>();
    for (const line of section.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| code") && !l.startsWith("|---"))) {
      const first = line.split("|")[1] ?? "";
      for (const m of first.matchAll(/(\d+)(?:\/(\d+))?/g)) listed.add(m[2] ? `${m[1]}/${m[2]}` : m[1]!);
    }
    expect(collected.length).toBeGreaterThan(10);
    for (const e of collected) {
      const key = e.subcode !== undefined ? `${e.code}/${e.subcode}` : String(e.code);
      const ok = listed.has(key) || (e.subcode !== undefined && listed.has(String(e.subcode)));
      expect(ok, `${key} not in REFERENCE §5`).toBe(true);
      const expectedStatus = e.code === 1 || e.code === 2 ? 500 : e.code === 10 || (e.code >= 200 && e.code <= 299) ? 403 : 400;
      expect(e.status, key).toBe(expectedStatus);
      expect(e.body.error.type).toBe(e.code === 100 && e.subcode === 33 ? "GraphMethodException" : "OAuthException");
      expect(typeof e.body.error.fbtrace_id).toBe("string");
      if (e.code !== 190 || e.subcode === undefined) expect(String(e.body.error.message).length).toBeGreaterThan(5);
    }
    const seen = new Set(collected.map((e) => (e.subcode !== undefined ? `${e.code}/${e.subcode}` : String(e.code))));
    for (const k of ["10/2018278", "10/2534022", "100/2018001", "100/2534014", "190", "190/460", "613", "80006", "80002", "100", "100/33", "10/2018065", "200/2018027"]) expect(seen, k).toContain(k);
  });
});

describe("requests from the corpus are accepted", () => {
  it("Send API bodies from the docs and libraries", async () => {
    const c = fresh(maison);
    const mid = c.messages.at(-1)!.id;
    const fill = (v: unknown): unknown =>
      JSON.parse(
        JSON.stringify(v)
          .replace(/<PSID>|\{PSID\}|RECIPIENT_ID|1254459154682919|1254444444682919|"123"/g, (m) => (m === '"123"' ? `"${c.contactId}"` : c.contactId))
          .replace(/<MESSAGE_ID>/g, mid),
      );
    const files = [
      "meta-docs/graph_api/send_request_text.json",
      "meta-docs/graph_api/send_request_image_url.json",
      "meta-docs/graph_api/send_request_multi_image.json",
      "meta-docs/graph_api/send_request_reply_to.json",
      "meta-docs/graph_api/send_request_sender_action_typing_on.json",
      "meta-docs/graph_api/send_request_sender_action_react.json",
      "meta-docs/graph_api/send_request_sender_action_unreact.json",
      "Vlix+facebookmessenger/request/text_request_minimal.json",
      "Vlix+facebookmessenger/request/text_request_qrs.json",
      "Vlix+facebookmessenger/request/attachment_request_media.json",
      "Vlix+facebookmessenger/request/attachment_request_media_reusable.json",
      "Vlix+facebookmessenger/request/template_request_generic_minimal.json",
      "Vlix+facebookmessenger/request/template_request_list_minimal.json",
      "Vlix+facebookmessenger/request/sender_action_request.json",
      "jgorset+facebook-messenger/bot/payload.json",
    ];
    for (const f of files) {
      const body = fill(fixture(f)) as Record<string, unknown>;
      if (f.includes("template_request_generic_minimal")) body.recipient = { id: c.contactId };
      const r = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), ...body });
      expect(r.status, `${f}: ${r.text}`).toBe(200);
      expect(r.json.recipient_id).toBe(c.contactId);
    }
    // a tag retired years ago (Vlix text_request_maximal uses SHIPPING_UPDATE) is refused with 100
    const legacy = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), ...(fill(fixture("Vlix+facebookmessenger/request/text_request_maximal.json")) as object) });
    expect(legacy.json).toMatchObject({ error: { code: 100 } });
  });

  it("the form-encoded batch request from messaging-apis", async () => {
    const c = fresh(maison);
    const doc = fixture<{ batch: Array<{ method: string; relative_url: string; body: string }>; include_headers: boolean }>("Yoctol+messaging-apis/batch_request_send_text.json");
    const batch = doc.batch.map((b) => ({ ...b, body: b.body.replace("1QAZ2WSX", c.contactId) }));
    const r = await graph<Array<{ code: number; body: string }>>(sim.url, "POST", "/v24.0/", { access_token: sim.pageToken(maison), include_headers: String(doc.include_headers), batch: JSON.stringify(batch) }, { form: true });
    expect(r.json[0]!.code).toBe(200);
    expect(JSON.parse(r.json[0]!.body)).toEqual({ recipient_id: c.contactId, message_id: expect.any(String) });
  });
});
