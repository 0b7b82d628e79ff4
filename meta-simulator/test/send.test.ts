// Send API: window rules (24 h / 7 d, exact boundaries, Messenger vs Instagram subcodes), tags (HUMAN_AGENT
// with and without the feature, retired tags, Instagram only HUMAN_AGENT), validation, responses,
// sender actions, attachments, reply_to, user_ref; every accepted send shows in the Conversations API.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { DAY, HOUR, MINUTE } from "../src/clock";
import type { ConversationRec } from "../src/world";
import { T0, graph, startTestSim } from "./helpers";

let sim: RunningSimulator;
let maison: string;
let velo: string;
let ig: string;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "demo" });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  velo = pages[1]!.id;
  ig = pages[0]!.igAccountId!;
});
afterAll(() => sim.close());

function convAged(channelId: string, ageMs: number): ConversationRec {
  const c = sim.sim.world.sortedConversations(channelId).find((x) => T0 - (x.lastOpenerAt ?? 0) === ageMs);
  if (!c) throw new Error(`no conversation aged ${ageMs / HOUR} h on ${channelId}`);
  return c;
}

async function send(pageId: string, body: Record<string, unknown>, form = false) {
  return graph(sim.url, "POST", `/${pageId}/messages`, { access_token: sim.pageToken(pageId), ...body }, { form });
}

const text = (conv: ConversationRec, extra: Record<string, unknown> = {}) => ({
  recipient: { id: conv.contactId },
  messaging_type: "RESPONSE",
  message: { text: "Hello from the inbox" },
  ...extra,
});
const humanAgent = (conv: ConversationRec) => text(conv, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });

describe("messaging window (frozen clock, exact ages)", () => {
  it("RESPONSE to a 25-hour-old Messenger conversation fails with 10/2018278; HUMAN_AGENT succeeds", async () => {
    const conv = convAged(maison, 25 * HOUR);
    const r = await send(maison, text(conv));
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: { code: 10, error_subcode: 2018278, type: "OAuthException" } });
    expect(typeof (r.json.error as Record<string, unknown>).fbtrace_id).toBe("string");
    const ok = await send(maison, humanAgent(conv));
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ recipient_id: conv.contactId, message_id: expect.stringMatching(/^m_/) });
  });

  it("an 8-day-old conversation fails either way", async () => {
    const conv = sim.sim.world.sortedConversations(maison).find((c) => T0 - (c.lastOpenerAt ?? 0) > 8 * DAY)!;
    for (const body of [text(conv), humanAgent(conv)]) {
      const r = await send(maison, body);
      expect(r.json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    }
  });

  it("boundaries: 24 h − 1 min is inside, exactly 24 h and 24 h + 1 min are outside", async () => {
    expect((await send(maison, text(convAged(maison, DAY - MINUTE)))).status).toBe(200);
    expect((await send(maison, text(convAged(maison, DAY)))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    expect((await send(maison, text(convAged(maison, DAY + MINUTE)))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it("boundaries: HUMAN_AGENT at 7 d − 1 min is inside, exactly 7 d and 7 d + 1 min are outside", async () => {
    expect((await send(maison, humanAgent(convAged(maison, 7 * DAY - MINUTE)))).status).toBe(200);
    expect((await send(maison, humanAgent(convAged(maison, 7 * DAY)))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    expect((await send(maison, humanAgent(convAged(maison, 7 * DAY + MINUTE)))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it("UPDATE follows the standard window too", async () => {
    expect((await send(maison, text(convAged(maison, 3 * HOUR), { messaging_type: "UPDATE" }))).status).toBe(200);
    expect((await send(maison, text(convAged(maison, 2 * DAY), { messaging_type: "UPDATE" }))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it("Instagram: outside the window is 10/2534022; HUMAN_AGENT works within 7 days", async () => {
    const conv = convAged(ig, 26 * HOUR);
    const r = await send(maison, text(conv));
    expect(r.status).toBe(403);
    expect(r.json).toMatchObject({ error: { code: 10, error_subcode: 2534022 } });
    const ok = await send(maison, humanAgent(conv));
    expect(ok.status).toBe(200);
    expect(ok.json.recipient_id).toBe(conv.contactId);
    // also addressed through /{ig-id}/messages with the Page token
    const direct = await graph(sim.url, "POST", `/${ig}/messages`, { access_token: sim.pageToken(ig), ...humanAgent(conv) });
    expect(direct.status).toBe(200);
    expect((await send(maison, humanAgent(convAged(ig, 7 * DAY + MINUTE)))).json).toMatchObject({ error: { code: 10, error_subcode: 2534022 } });
  });

  it("HUMAN_AGENT without the Human Agent feature answers code 10 without subcode", async () => {
    const conv = convAged(velo, 25 * HOUR);
    const r = await send(velo, humanAgent(conv));
    expect(r.status).toBe(403);
    const err = r.json.error as Record<string, unknown>;
    expect(err.code).toBe(10);
    expect(err.error_subcode).toBeUndefined();
    expect(String(err.message)).toMatch(/Human Agent/);
    // granting the feature through the control API makes the same send succeed
    await sim.control("POST", `/channels/${velo}/human-agent`, { enabled: true });
    expect((await send(velo, humanAgent(conv))).status).toBe(200);
    await sim.control("POST", `/channels/${velo}/human-agent`, { enabled: false });
    expect((await send(velo, humanAgent(conv))).json).toMatchObject({ error: { code: 10 } });
  });

  it("moving the clock closes the window", async () => {
    const conv = convAged(maison, 3 * MINUTE);
    expect((await send(maison, text(conv))).status).toBe(200);
    await sim.control("POST", "/clock", { advanceHours: 24 });
    try {
      expect((await send(maison, text(conv))).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    } finally {
      await sim.control("POST", "/clock", { advanceHours: -24 });
    }
  });

  it("a customer message re-opens the window; an echo, read or edit does not", async () => {
    const conv = convAged(maison, 12 * DAY);
    expect((await send(maison, text(conv))).status).toBe(403);
    const contact = conv.contactId;
    await sim.control("POST", "/customer/read", { channelId: maison, contactId: contact });
    await sim.control("POST", "/business/send", { channelId: maison, contactId: contact, text: "Sent from Business Suite" });
    expect((await send(maison, text(conv))).status).toBe(403);
    await sim.control("POST", "/customer/message", { channelId: maison, contactId: contact, text: "Hello again!" });
    expect((await send(maison, text(conv))).status).toBe(200);
  });

  it("reactions, postbacks and referrals open the window", async () => {
    const closed = sim.sim.world.sortedConversations(velo).filter((c) => T0 - (c.lastOpenerAt ?? 0) > 7 * DAY);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const [i, action] of ["reaction", "postback", "referral"].entries()) {
      const conv = closed[i]!;
      expect((await send(velo, text(conv))).status).toBe(403);
      const base = { channelId: velo, contactId: conv.contactId };
      if (action === "reaction") await sim.control("POST", "/customer/reaction", { ...base, mid: conv.messages.find((m) => m.fromPage)?.id ?? conv.messages[0]!.id, emoji: "👍" });
      if (action === "postback") await sim.control("POST", "/customer/postback", { ...base, title: "Get Started", payload: "GET_STARTED" });
      if (action === "referral") await sim.control("POST", "/customer/referral", { ...base, ref: "summer-sale", source: "SHORTLINK" });
      expect((await send(velo, text(conv))).status, action).toBe(200);
    }
  });
});

describe("tags", () => {
  it("retired tags answer code 100 on Messenger and Instagram (ACCOUNT_UPDATE on Instagram → 100)", async () => {
    const fresh = convAged(maison, 1 * HOUR);
    for (const tag of ["CONFIRMED_EVENT_UPDATE", "ACCOUNT_UPDATE", "POST_PURCHASE_UPDATE"]) {
      const r = await send(maison, text(fresh, { messaging_type: "MESSAGE_TAG", tag }));
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: { code: 100 } });
    }
    const r = await send(maison, text(convAged(ig, 2 * HOUR), { messaging_type: "MESSAGE_TAG", tag: "ACCOUNT_UPDATE" }));
    expect(r.json).toMatchObject({ error: { code: 100 } });
  });

  it("Instagram accepts only HUMAN_AGENT; MESSAGE_TAG needs a tag; unknown tags are rejected", async () => {
    const igConv = convAged(ig, 2 * HOUR);
    expect((await send(maison, text(igConv, { messaging_type: "MESSAGE_TAG", tag: "CUSTOMER_FEEDBACK" }))).json).toMatchObject({ error: { code: 100 } });
    const conv = convAged(maison, 1 * HOUR);
    expect((await send(maison, text(conv, { messaging_type: "MESSAGE_TAG" }))).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, text(conv, { messaging_type: "MESSAGE_TAG", tag: "SHIPPING_UPDATE" }))).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, text(conv, { messaging_type: "MESSAGE_TAG", tag: "NON_PROMOTIONAL_SUBSCRIPTION" }))).json).toMatchObject({ error: { code: 10, error_subcode: 2018065 } });
    expect((await send(maison, text(conv, { messaging_type: "BROADCAST" }))).json).toMatchObject({ error: { code: 100 } });
  });
});

describe("validation", () => {
  const fresh = () => convAged(maison, 1 * HOUR);

  it("recipient is required and must identify a person of this Page", async () => {
    expect((await send(maison, { message: { text: "hi" } })).json).toMatchObject({ error: { code: 100, message: "(#100) The parameter recipient is required" } });
    expect((await send(maison, { recipient: { id: "123456789" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 100, error_subcode: 2018001 } });
    const velosPerson = convAged(velo, 25 * HOUR).contactId;
    expect((await send(maison, { recipient: { id: velosPerson }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 100, error_subcode: 2018001 } });
    expect((await send(maison, { recipient: { id: "not-an-id" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, { recipient: { phone_number: "+15105551234" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 200, error_subcode: 2018027 } });
    expect((await send(maison, { recipient: { comment_id: "123_456" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 100, error_subcode: 2018292 } });
    expect((await send(maison, { recipient: { notification_messages_token: "tok" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 10 } });
    expect((await send(maison, { recipient: { foo: "bar" }, message: { text: "hi" } })).json).toMatchObject({ error: { code: 100 } });
  });

  it("text ≤ 2000 on Messenger, ≤ 1000 bytes on Instagram; metadata < 1000; empty message rejected", async () => {
    const c = fresh();
    expect((await send(maison, text(c, { message: { text: "é".repeat(2000) } }))).status).toBe(200);
    expect((await send(maison, text(c, { message: { text: "x".repeat(2001) } }))).json).toMatchObject({ error: { code: 100 } });
    const i = convAged(ig, 2 * HOUR);
    expect((await send(maison, text(i, { message: { text: "x".repeat(1000) } }))).status).toBe(200);
    expect((await send(maison, text(i, { message: { text: "x".repeat(1001) } }))).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, text(i, { message: { text: "日".repeat(400) } }))).json).toMatchObject({ error: { code: 100 } }); // 1200 bytes
    expect((await send(maison, text(c, { message: { text: "ok", metadata: "m".repeat(999) } }))).status).toBe(200);
    expect((await send(maison, text(c, { message: { text: "ok", metadata: "m".repeat(1000) } }))).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, text(c, { message: {} }))).json).toMatchObject({ error: { code: 100, message: "(#100) Message cannot be empty, must provide valid attachment or text" } });
    expect((await send(maison, { recipient: { id: c.contactId } })).json).toMatchObject({ error: { code: 100, message: "(#100) Must send either message or state" } });
  });

  it("sender_action must come alone; returns only recipient_id", async () => {
    const c = fresh();
    const both = await send(maison, { recipient: { id: c.contactId }, sender_action: "typing_on", message: { text: "hi" } });
    expect(both.json).toMatchObject({ error: { code: 100 } });
    for (const action of ["typing_on", "typing_off", "mark_seen"]) {
      const r = await send(maison, { recipient: { id: c.contactId }, sender_action: action });
      expect(r.json).toEqual({ recipient_id: c.contactId });
    }
    expect((await send(maison, { recipient: { id: c.contactId }, sender_action: "dance" })).json).toMatchObject({ error: { code: 100 } });
    const mid = c.messages[c.messages.length - 1]!.id;
    const react = await send(maison, { recipient: { id: c.contactId }, sender_action: "react", payload: { message_id: mid, reaction: "😊" } });
    expect(react.json).toEqual({ recipient_id: c.contactId });
    expect(sim.sim.world.messages.get(mid)?.reactions).toEqual([expect.objectContaining({ by: maison, emoji: "😊" })]);
    const unreact = await send(maison, { recipient: { id: c.contactId }, sender_action: "unreact", payload: { message_id: mid } });
    expect(unreact.json).toEqual({ recipient_id: c.contactId });
    expect(sim.sim.world.messages.get(mid)?.reactions).toEqual([]);
    // outside the window sender actions fail too
    expect((await send(maison, { recipient: { id: convAged(maison, 2 * DAY).contactId }, sender_action: "typing_on" })).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
  });

  it("form and query object params in Graph's loose syntax: strict JSON, single quotes, bare keys, PHP-style keys", async () => {
    const c = fresh();
    const sent = async (r: Awaited<ReturnType<typeof send>>) => {
      expect(r.status, r.text).toBe(200);
      return sim.sim.world.messages.get(String(r.json.message_id))!;
    };
    const strict = await send(maison, { recipient: JSON.stringify({ id: c.contactId }), messaging_type: "RESPONSE", message: JSON.stringify({ text: "form ✓" }) }, true);
    expect((await sent(strict)).text).toBe("form ✓");
    const quoted = await send(maison, { recipient: `{'id':'${c.contactId}'}`, message: "{'text':'it\\'s \"quoted\"'}" }, true);
    expect((await sent(quoted)).text).toBe(`it's "quoted"`);
    const bare = await send(maison, { recipient: `{id:${c.contactId}}`, message: "{text:'bare keys', metadata:'inbox:1'}" }, true);
    expect(await sent(bare)).toMatchObject({ text: "bare keys", metadata: "inbox:1" });
    const php = await send(maison, { "recipient[id]": c.contactId, "message[text]": "php style" }, true);
    expect((await sent(php)).text).toBe("php style");
    const phpImages = await send(
      maison,
      { "recipient[id]": c.contactId, "message[attachments][0][type]": "image", "message[attachments][0][payload][url]": "https://cdn.example.com/a.jpg", "message[attachments][1][type]": "image", "message[attachments][1][payload][url]": "https://cdn.example.com/b.jpg" },
      true,
    );
    expect((await sent(phpImages)).attachments.map((a) => a.name)).toEqual(["a.jpg", "b.jpg"]);
    // The same loose syntax in the query string of a POST.
    const query = await graph(sim.url, "POST", `/${maison}/messages?recipient={id:${c.contactId}}&message={text:'in the query'}&access_token=${sim.pageToken(maison)}`);
    expect((await sent(query)).text).toBe("in the query");
  });

  it("refuses what Graph refuses: an object param that is empty or does not parse is \"must be non-empty\"", async () => {
    const c = fresh();
    const before = c.messages.length;
    const nonEmpty = (name: string) => ({ error: { code: 100, type: "OAuthException", message: `(#100) param ${name} must be non-empty` } });
    const message = JSON.stringify({ text: "x" });
    for (const recipient of ["{not json", `{id:${c.contactId}`, `{id:'${c.contactId}',}`, c.contactId, "{}", `{'id':'${c.contactId}'} trailing`]) {
      const r = await send(maison, { recipient, message }, true);
      expect(r.status, recipient).toBe(400);
      expect(r.json, recipient).toMatchObject(nonEmpty("recipient"));
    }
    expect((await send(maison, { recipient: { id: c.contactId }, message: "hello" })).json).toMatchObject(nonEmpty("message"));
    expect((await send(maison, { recipient: `{id:${c.contactId}}`, message: "{text:hello}" }, true)).json).toMatchObject(nonEmpty("message"));
    expect((await send(maison, { recipient: { id: c.contactId }, message: [{ text: "x" }] })).json).toMatchObject(nonEmpty("message"));
    expect(c.messages.length).toBe(before);
  });

  it("attachments by URL, attachment_id (message_attachments), multi-image limits, reply_to", async () => {
    const c = fresh();
    const byUrl = await send(maison, text(c, { message: { attachment: { type: "image", payload: { url: "https://cdn.example.com/p.jpg", is_reusable: true } } } }));
    expect(byUrl.status).toBe(200);
    expect(byUrl.json).toEqual({ recipient_id: c.contactId, message_id: expect.any(String), attachment_id: expect.any(String) });
    const up = await graph(sim.url, "POST", `/${maison}/message_attachments`, { access_token: sim.pageToken(maison), message: { attachment: { type: "file", payload: { url: "https://cdn.example.com/invoice.pdf", is_reusable: true } } } });
    expect(up.json).toEqual({ attachment_id: expect.stringMatching(/^\d+$/) });
    const byId = await send(maison, text(c, { message: { attachment: { type: "file", payload: { attachment_id: up.json.attachment_id } } } }));
    expect(byId.status).toBe(200);
    expect((await send(maison, text(c, { message: { attachment: { type: "file", payload: { attachment_id: "999" } } } }))).json).toMatchObject({ error: { code: 100 } });
    expect((await send(maison, text(c, { message: { attachment: { type: "image", payload: { url: "ftp://nope" } } } }))).json).toMatchObject({ error: { code: 100, error_subcode: 2018008 } });
    const img = { type: "image", payload: { url: "https://cdn.example.com/a.jpg" } };
    expect((await send(maison, text(c, { message: { attachments: Array(30).fill(img) } }))).status).toBe(200);
    expect((await send(maison, text(c, { message: { attachments: Array(31).fill(img) } }))).json).toMatchObject({ error: { code: 100 } });
    const i = convAged(ig, 2 * HOUR);
    expect((await send(maison, text(i, { message: { attachments: Array(10).fill(img) } }))).status).toBe(200);
    expect((await send(maison, text(i, { message: { attachments: Array(11).fill(img) } }))).json).toMatchObject({ error: { code: 100 } });
    const target = c.messages.find((m) => !m.fromPage)!;
    const reply = await send(maison, text(c, { reply_to: { mid: target.id } }));
    expect(reply.status).toBe(200);
    expect(sim.sim.world.messages.get(String(reply.json.message_id))?.replyTo).toEqual({ mid: target.id, isSelfReply: false });
    expect((await send(maison, text(c, { reply_to: { mid: "m_unknown" } }))).json).toMatchObject({ error: { code: 100 } });
  });

  it("uploads a file with multipart filedata; the CDN serves the exact bytes of the sent attachment", async () => {
    const c = fresh();
    const bytes = Buffer.from("%PDF-1.4 simulated invoice ✓\n");
    const form = new FormData();
    form.set("access_token", sim.pageToken(maison));
    form.set("message", JSON.stringify({ attachment: { type: "file", payload: { is_reusable: true } } }));
    form.set("filedata", new Blob([bytes], { type: "application/pdf" }), "invoice-42.pdf");
    const up = await fetch(`${sim.url}/v24.0/${maison}/message_attachments`, { method: "POST", body: form });
    const { attachment_id } = (await up.json()) as { attachment_id: string };
    expect(attachment_id).toMatch(/^\d+$/);
    const r = await send(maison, text(c, { message: { attachment: { type: "file", payload: { attachment_id } } } }));
    expect(r.status).toBe(200);
    const att = sim.sim.world.messages.get(String(r.json.message_id))!.attachments[0]!;
    expect(att).toMatchObject({ name: "invoice-42.pdf", mimeType: "application/pdf", size: bytes.length });
    const served = await fetch(sim.sim.attachmentUrl(att));
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    // an attachment_id of another Page is refused
    const other = await send(velo, text(convAged(velo, 5 * HOUR), { message: { attachment: { type: "file", payload: { attachment_id } } } }));
    expect(other.json).toMatchObject({ error: { code: 100, error_subcode: 2018047 } });
  });

  it("user_ref recipients get {message_id} without recipient_id", async () => {
    const pb = await sim.control<{ userRef: string; contactId: string }>("POST", "/customer/postback", { channelId: maison, newContact: { name: "Plugin Visitor" }, asUserRef: true, title: "Chat with us", payload: "PLUGIN" });
    expect(pb.userRef).toMatch(/^ur_/);
    const r = await send(maison, { recipient: { user_ref: pb.userRef }, messaging_type: "RESPONSE", message: { text: "Hi there!" } });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ message_id: expect.stringMatching(/^m_/) });
    expect((await send(maison, { recipient: { user_ref: "ur_unknown" }, message: { text: "x" } })).json).toMatchObject({ error: { code: 100, error_subcode: 2018001 } });
  });

  it("accepted sends show in the Conversations API, newest first, with our text and metadata in the truth", async () => {
    const c = fresh();
    await sim.control("POST", "/clock", { advanceMs: 1000 }); // the clock is frozen: step past earlier sends
    const r = await send(maison, text(c, { message: { text: "Votre colis arrive demain 📦", metadata: "inbox:42" } }));
    const mid = String(r.json.message_id);
    const list = await graph<{ data: Array<{ id: string; messages: { data: Array<{ id: string; message: string }> } }> }>(sim.url, "GET", `/${maison}/conversations`, {
      access_token: sim.pageToken(maison),
      platform: "messenger",
      fields: "messages.limit(1){id,message}",
      limit: 1,
    });
    expect(list.json.data[0]!.id).toBe(c.id);
    expect(list.json.data[0]!.messages.data[0]).toEqual({ id: mid, message: "Votre colis arrive demain 📦" });
    const truth = await sim.control<{ metadata: string; appId: string; direction: string }>("GET", `/messages/${mid}`);
    expect(truth).toMatchObject({ metadata: "inbox:42", appId: sim.sim.config.app.id, direction: "outbound" });
  });
});
