// Conversations API: platform, user_id, field expansion, cursor paging (everything exactly once), limits,
// the cursor-overrun error, the 20-most-recent-messages rule, message details, profiles, Page nodes.

import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { graph, startTestSim } from "./helpers";

type Paged = { data: Array<Record<string, unknown>>; paging?: { cursors?: { before: string; after: string }; next?: string; previous?: string } };

let sim: RunningSimulator;
let maison: string;
let velo: string;
let ig: string;
let maisonToken: string;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "generic", seed: 11, sizes: { conversations: 180, pages: 2, instagramAccounts: 1 } });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  velo = pages[1]!.id;
  ig = pages[0]!.igAccountId!;
  maisonToken = sim.pageToken(maison);
});
afterAll(() => sim.close());

async function pageThrough(first: string, params: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
  const all: Array<Record<string, unknown>> = [];
  let res = await graph<Paged>(sim.url, "GET", first, params);
  for (let guard = 0; guard < 100; guard++) {
    expect(res.status, res.text).toBe(200);
    all.push(...res.json.data);
    const next = res.json.paging?.next;
    if (!next) break;
    expect(next.startsWith(`${sim.url}/v24.0/`)).toBe(true);
    res = await graph<Paged>(sim.url, "GET", next);
  }
  return all;
}

describe("GET /{page-id}/conversations", () => {
  it("without platform lists the Page's Messenger conversations (as Graph's reference and walkthrough do); Instagram needs platform=instagram", async () => {
    const ids = (r: { json: Paged }) => r.json.data.map((c) => c.id);
    const none = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, limit: 25 });
    const empty = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "", limit: 25 });
    const messenger = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "MESSENGER", limit: 25 });
    const instagram = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "instagram", limit: 25 });
    expect([none.status, empty.status, messenger.status, instagram.status]).toEqual([200, 200, 200, 200]);
    expect(ids(none).length).toBe(25);
    expect(ids(none)).toEqual(ids(messenger));
    expect(ids(empty)).toEqual(ids(messenger));
    expect(ids(none).every((id) => sim.sim.world.conversations.get(id as string)?.channelId === maison)).toBe(true);
    expect(ids(instagram).every((id) => sim.sim.world.conversations.get(id as string)?.channelId === ig)).toBe(true);
    // The next page keeps the request's (absent) platform.
    expect(new URL(none.json.paging!.next!).searchParams.has("platform")).toBe(false);
    const second = await graph<Paged>(sim.url, "GET", none.json.paging!.next!);
    expect(ids(second).every((id) => sim.sim.world.conversations.get(id as string)?.channelId === maison)).toBe(true);

    const bad = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "whatsapp" });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 100, type: "OAuthException", message: '(#100) Param platform must be one of {MESSENGER, INSTAGRAM} - got "whatsapp"' } });
  });

  it("the IG account's own path implies Instagram; platform=messenger there finds nothing", async () => {
    const implied = await graph<Paged>(sim.url, "GET", `/${ig}/conversations`, { access_token: maisonToken, limit: 5 });
    const explicit = await graph<Paged>(sim.url, "GET", `/${ig}/conversations`, { access_token: maisonToken, platform: "instagram", limit: 5 });
    expect(implied.json.data.length).toBe(5);
    expect(implied.json.data).toEqual(explicit.json.data);
    expect(implied.json.data.every((c) => sim.sim.world.conversations.get(c.id as string)?.channelId === ig)).toBe(true);
    expect(new URL(implied.json.paging!.next!).pathname).toBe(`/v24.0/${ig}/conversations`);
    const messenger = await graph<Paged>(sim.url, "GET", `/${ig}/conversations`, { access_token: maisonToken, platform: "messenger" });
    expect(messenger).toMatchObject({ status: 200, json: { data: [] } });
  });

  it("pages through every conversation exactly once, newest updated first, with nested messages", async () => {
    const fields = "id,participants,updated_time,message_count,unread_count,snippet,can_reply,messages.limit(20){id,message,from,to,created_time,attachments}";
    const items = await pageThrough(`/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", fields, limit: 7 });
    const truth = sim.sim.world.sortedConversations(maison);
    expect(items.map((c) => c.id)).toEqual(truth.map((c) => c.id));
    expect(new Set(items.map((c) => c.id)).size).toBe(items.length);
    const times = items.map((c) => Date.parse(String(c.updated_time).replace("+0000", "Z")));
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
    for (const c of items) {
      expect(String(c.updated_time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
      const participants = (c.participants as { data: Array<Record<string, unknown>> }).data;
      expect(participants).toHaveLength(2);
      expect(participants[1]).toEqual({ name: "Bench Store 1", email: `${maison}@facebook.com`, id: maison });
      expect(Object.keys(participants[0]!).sort()).toEqual(["email", "id", "name"]);
      const msgs = c.messages as Paged;
      const conv = sim.sim.world.conversations.get(String(c.id))!;
      expect(c.message_count).toBe(conv.messages.length);
      expect(msgs.data.length).toBe(Math.min(20, conv.messages.length));
      expect(msgs.data.map((m) => m.id)).toEqual([...conv.messages].reverse().slice(0, 20).map((m) => m.id));
      if (conv.messages.length > 20) expect(msgs.paging?.next).toContain(`/v24.0/${conv.id}/messages?`);
      else expect(msgs.paging?.next).toBeUndefined();
      expect(typeof c.can_reply).toBe("boolean");
    }
  });

  it("ends without next on the last page and offers previous/before paging", async () => {
    const first = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", limit: 25 });
    expect(first.json.data).toHaveLength(25);
    expect(first.json.paging?.previous).toBeUndefined();
    const second = await graph<Paged>(sim.url, "GET", first.json.paging!.next!);
    expect(second.json.paging?.previous).toBeDefined();
    const back = await graph<Paged>(sim.url, "GET", second.json.paging!.previous!);
    expect(back.json.data.map((c) => c.id)).toEqual(first.json.data.map((c) => c.id));
    // the last page: 60 conversations per channel, 25 + 25 + 10
    const third = await graph<Paged>(sim.url, "GET", second.json.paging!.next!);
    expect(third.json.data).toHaveLength(10);
    expect(third.json.paging?.next).toBeUndefined();
    expect(third.json.paging?.cursors?.after).toBeTruthy();
  });

  it("caps limit at the configured maximum (25) and uses absolute next links on the simulator's base URL carrying the token", async () => {
    const r = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", limit: 500, fields: "id" });
    expect(r.json.data).toHaveLength(25);
    const next = new URL(r.json.paging!.next!);
    expect(`${next.protocol}//${next.host}`).toBe(sim.url);
    expect(next.pathname).toBe(`/v24.0/${maison}/conversations`);
    expect(next.searchParams.get("limit")).toBe("25");
    expect(next.searchParams.get("platform")).toBe("messenger");
    expect(next.searchParams.get("fields")).toBe("id");
    expect(next.searchParams.get("access_token")).toBe(maisonToken);
    // cursors are standard base64 and must be URL-encoded by clients; the link has them encoded
    expect(next.searchParams.get("after")).toBe(r.json.paging!.cursors!.after);
  });

  it("paging links point back to the host the client used (Host header) unless a public URL is configured", async () => {
    // fetch() may not set Host, node:http may
    const viaHost = (host: string) =>
      new Promise<Paged>((resolve, reject) => {
        const u = new URL(`${sim.url}/v24.0/${maison}/conversations?platform=messenger&limit=2&access_token=${maisonToken}`);
        const req = request(u, { headers: { host } }, (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c.toString()));
          res.on("end", () => resolve(JSON.parse(text) as Paged));
        });
        req.on("error", reject);
        req.end();
      });
    const r = await viaHost("graph.simulator.test:4010");
    expect(new URL(r.paging!.next!).host).toBe("graph.simulator.test:4010");
    sim.sim.updateConfig({ publicUrl: "https://meta-sim.example.com" });
    try {
      const p = await viaHost("graph.simulator.test:4010");
      expect(p.paging!.next!.startsWith("https://meta-sim.example.com/v24.0/")).toBe(true);
    } finally {
      sim.sim.updateConfig({ publicUrl: null });
    }
  });

  it("answers the cursor-overrun error for a cursor beyond the configured depth or a garbage cursor", async () => {
    const garbage = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", after: "bm90LWEtY3Vyc29y" });
    expect(garbage.json).toMatchObject({ error: { code: 100, message: "(#100) The After Cursor specified exceeds the max limit supported by this endpoint" } });
    sim.sim.updateConfig({ limits: { maxCursorDepth: 30 } });
    try {
      const p1 = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", limit: 25 });
      const p2 = await graph<Paged>(sim.url, "GET", p1.json.paging!.next!);
      expect(p2.status).toBe(200);
      const p3 = await graph(sim.url, "GET", p2.json.paging!.next!);
      expect(p3.status).toBe(400);
      expect(p3.json).toMatchObject({ error: { code: 100, type: "OAuthException" } });
      expect((p3.json.error as { message: string }).message).toContain("After Cursor specified exceeds the max limit");
    } finally {
      sim.sim.updateConfig({ limits: { maxCursorDepth: null } });
    }
  });

  it("lists Instagram conversations with username participants and finds a conversation by user_id", async () => {
    const r = await graph<Paged>(sim.url, "GET", `/me/conversations`, { access_token: maisonToken, platform: "instagram", fields: "participants,updated_time", limit: 3 });
    expect(r.status).toBe(200);
    const p = (r.json.data[0]!.participants as { data: Array<Record<string, unknown>> }).data;
    expect(Object.keys(p[0]!).sort()).toEqual(["id", "username"]);
    expect(p[1]).toEqual({ username: "benchstore1", id: ig });
    expect(r.json.paging?.next).toContain(`/v24.0/${maison}/conversations?`);
    const conv = sim.sim.world.sortedConversations(ig)[5]!;
    const byUser = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "instagram", user_id: conv.contactId });
    expect(byUser.json).toEqual({ data: [{ id: conv.id }] });
    const unknown = await graph<Paged>(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", user_id: conv.contactId });
    expect(unknown.json).toEqual({ data: [] });
  });

  it("rejects unknown fields and edges like Meta", async () => {
    const r = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: maisonToken, platform: "messenger", fields: "id,bogus" });
    expect(r.json).toMatchObject({ error: { code: 100, message: "(#100) Tried accessing nonexisting field (bogus) on node type (UnifiedThread)" } });
    const edge = await graph(sim.url, "GET", `/${maison}/accounts`, { access_token: maisonToken });
    expect(edge.json).toMatchObject({ error: { code: 100, message: "(#100) Tried accessing nonexisting field (accounts) on node type (Page)" } });
    const deep = await graph(sim.url, "GET", `/${maison}/conversations/extra`, { access_token: maisonToken });
    expect(deep.json).toMatchObject({ error: { code: 2500, message: "Unknown path components: /extra" } });
  });

  it("needs the Page's own Page token", async () => {
    const other = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: sim.pageToken(velo), platform: "messenger" });
    expect(other.json).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    const user = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: sim.userToken, platform: "messenger" });
    expect(user.json).toMatchObject({ error: { code: 190, message: "(#190) This method must be called with a Page Access Token" } });
  });
});

describe("messages of a conversation and the 20-most-recent rule", () => {
  const longConversation = (channel: string) => sim.sim.world.sortedConversations(channel).find((c) => c.messages.length > 22)!;

  it("lists every message id newest first; older than the 20 most recent carry only id and created_time", async () => {
    const conv = longConversation(maison);
    const items = await pageThrough(`/${conv.id}/messages`, { access_token: maisonToken, fields: "id,created_time,message,from", limit: 10 });
    expect(items.map((m) => m.id)).toEqual([...conv.messages].reverse().map((m) => m.id));
    items.forEach((m, i) => {
      if (i < 20) expect(Object.keys(m).sort()).toEqual(expect.arrayContaining(["created_time", "from", "id"]));
      else expect(Object.keys(m).sort()).toEqual(["created_time", "id"]);
    });
  });

  it("GET /{conversation-id}?fields=messages.limit(N).after(C){…} pages inside the expansion", async () => {
    const conv = longConversation(maison);
    const first = await graph<Record<string, Paged>>(sim.url, "GET", `/${conv.id}`, { access_token: maisonToken, fields: "messages.limit(5){id,message}" });
    expect(first.json.id).toBe(conv.id);
    const after = first.json.messages!.paging!.cursors!.after;
    const second = await graph<Record<string, Paged>>(sim.url, "GET", `/${conv.id}`, { access_token: maisonToken, fields: `messages.limit(5).after(${after}){id,message}` });
    const expected = [...conv.messages].reverse().slice(5, 10).map((m) => m.id);
    expect(second.json.messages!.data.map((m) => m.id)).toEqual(expected);
  });

  it("GET /{message-id} details the 20 most recent and errors for older ones (Messenger flag on by default, Instagram always)", async () => {
    for (const channel of [maison, ig]) {
      const conv = longConversation(channel);
      const newest = [...conv.messages].reverse();
      const recent = await graph(sim.url, "GET", `/${newest[19]!.id}`, { access_token: maisonToken, fields: "id,created_time,from,to,message" });
      expect(recent.status).toBe(200);
      expect(Object.keys(recent.json)).toEqual(expect.arrayContaining(["id", "created_time", "from", "to"]));
      const old = await graph(sim.url, "GET", `/${newest[20]!.id}`, { access_token: maisonToken, fields: "id,message" });
      expect(old.status).toBe(400);
      expect(old.json).toMatchObject({ error: { code: 100, type: "OAuthException" } });
      expect((old.json.error as { message: string }).message).toMatch(/deleted|no longer available/);
    }
    // default fields are id and created_time
    const conv = longConversation(maison);
    const dflt = await graph(sim.url, "GET", `/${conv.messages[conv.messages.length - 1]!.id}`, { access_token: maisonToken });
    expect(Object.keys(dflt.json).sort()).toEqual(["created_time", "id"]);
  });

  it("with detailLimitMessenger off, Messenger details every message but Instagram still enforces the rule", async () => {
    sim.sim.updateConfig({ limits: { detailLimitMessenger: false } });
    try {
      const m = [...longConversation(maison).messages].reverse()[21]!;
      expect((await graph(sim.url, "GET", `/${m.id}`, { access_token: maisonToken, fields: "id,message" })).status).toBe(200);
      const i = [...longConversation(ig).messages].reverse()[21]!;
      expect((await graph(sim.url, "GET", `/${i.id}`, { access_token: maisonToken, fields: "id,message" })).status).toBe(400);
    } finally {
      sim.sim.updateConfig({ limits: { detailLimitMessenger: true } });
    }
  });

  it("message details: Instagram from/to carry username, reply_to has is_self_reply", async () => {
    const conv = sim.sim.world.sortedConversations(ig)[0]!;
    const last = conv.messages[conv.messages.length - 1]!;
    const r = await graph(sim.url, "GET", `/${last.id}`, { access_token: maisonToken, fields: "id,created_time,from,to,message" });
    const from = r.json.from as Record<string, unknown>;
    expect(Object.keys(from).sort()).toEqual(["id", "username"]);
    expect((r.json.to as { data: unknown[] }).data).toHaveLength(1);
  });
});

describe("profiles and Page nodes", () => {
  it("GET /{psid} returns first_name,last_name,name,profile_pic; /{igsid} name,username,profile_pic", async () => {
    const psid = sim.sim.world.sortedConversations(maison)[0]!.contactId;
    const p = await graph(sim.url, "GET", `/${psid}`, { access_token: maisonToken, fields: "first_name,last_name,name,profile_pic" });
    expect(Object.keys(p.json).sort()).toEqual(["first_name", "id", "last_name", "name", "profile_pic"]);
    expect(String(p.json.profile_pic)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__cdn\/avatar\//);
    const igsid = sim.sim.world.sortedConversations(ig)[0]!.contactId;
    const i = await graph(sim.url, "GET", `/${igsid}`, { access_token: maisonToken, fields: "name,username,profile_pic" });
    expect(Object.keys(i.json).sort()).toEqual(["id", "name", "profile_pic", "username"]);
    // another Page's token cannot read this person
    const other = await graph(sim.url, "GET", `/${psid}`, { access_token: sim.pageToken(velo), fields: "name" });
    expect(other.json).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });

  it("GET /{page-id}?fields=name,picture,instagram_business_account{…}", async () => {
    const r = await graph(sim.url, "GET", `/${maison}`, { access_token: maisonToken, fields: "name,picture,instagram_business_account{id,username,name,profile_picture_url}" });
    expect(r.json).toMatchObject({
      name: "Bench Store 1",
      picture: { data: { height: 50, width: 50, is_silhouette: false } },
      instagram_business_account: { id: ig, username: "benchstore1", name: "Bench Store 1" },
      id: maison,
    });
    expect(String((r.json.instagram_business_account as Record<string, unknown>).profile_picture_url)).toContain("/__cdn/avatar/");
    const noIg = await graph(sim.url, "GET", `/${velo}`, { access_token: sim.pageToken(velo), fields: "name,instagram_business_account" });
    expect(noIg.json).toEqual({ name: "Bench Store 2", id: velo });
  });

  it("GET /me/accounts with the user token lists Pages with Page tokens, paged", async () => {
    const r = await graph<Paged>(sim.url, "GET", `/me/accounts`, { access_token: sim.userToken, fields: "id,name,access_token,category,tasks,instagram_business_account", limit: 1 });
    expect(r.json.data).toHaveLength(1);
    expect(r.json.data[0]).toMatchObject({ id: maison, access_token: maisonToken, category: "Shopping & Retail", instagram_business_account: { id: ig } });
    expect(r.json.data[0]!.tasks).toEqual(expect.arrayContaining(["MESSAGING", "MODERATE"]));
    const next = await graph<Paged>(sim.url, "GET", r.json.paging!.next!);
    expect(next.json.data.map((p) => p.id)).toEqual([velo]);
    expect(next.json.paging?.next).toBeUndefined();
    const dflt = await graph<Paged>(sim.url, "GET", `/me/accounts`, { access_token: sim.userToken });
    expect(Object.keys(dflt.json.data[0]!).sort()).toEqual(["access_token", "category", "category_list", "id", "name", "tasks"]);
  });
});
