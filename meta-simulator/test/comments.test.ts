// Posts and comments: Graph reads (feed, media, comments, one comment), webhooks in Meta's shapes (Page
// feed verbs, Instagram comments), public replies, hide/delete, and private replies with Meta's refusals:
// second reply, 7 days (exact boundary), the Page's own comment, Instagram's 750/h, Live only while on air.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { DAY, HOUR } from "../src/clock";
import { addComment, createPost } from "../src/comments";
import type { CommentRec, PostRec } from "../src/world";
import { T0, graph, startReceiver, startTestSim, type Receiver } from "./helpers";

let sim: RunningSimulator;
let receiver: Receiver;
let maison: string;
let ig: string;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: receiver.url } });
  const pages = [...sim.sim.world.pages.values()];
  maison = pages[0]!.id;
  ig = pages[0]!.igAccountId!;
  for (const p of pages) p.subscribedFields = ["messages", "message_echoes", "feed"];
  sim.sim.world.igAccounts.get(ig)!.subscribedFields = ["messages", "comments", "live_comments"];
});
afterAll(async () => {
  sim.close();
  await receiver.close();
});
afterEach(() => {
  sim.sim.clock.set(T0);
  sim.sim.clock.freeze();
});

const token = () => sim.pageToken(maison);
const get = (path: string, params: Record<string, unknown> = {}) => graph(sim.url, "GET", path, { access_token: token(), ...params });
const post = (path: string, params: Record<string, unknown> = {}) => graph(sim.url, "POST", path, { access_token: token(), ...params });

function changes(): Array<{ object: string; entryId: string; field: string; value: Record<string, unknown> }> {
  const out: Array<{ object: string; entryId: string; field: string; value: Record<string, unknown> }> = [];
  for (const p of receiver.posts) {
    const b = p.body as { object: string; entry: Array<{ id: string; changes?: Array<{ field: string; value: Record<string, unknown> }> }> };
    for (const e of b.entry) for (const c of e.changes ?? []) out.push({ object: b.object, entryId: e.id, field: c.field, value: c.value });
  }
  return out;
}

function freshPost(channelId: string, extra: Partial<Parameters<typeof createPost>[1]> = {}): PostRec {
  return createPost(sim.sim, { channelId, message: "A post", ...extra });
}

function personOf(channelId: string): string {
  return [...sim.sim.world.contacts.values()].find((c) => c.channelId === channelId)!.id;
}

function comment(p: PostRec, ageMs = 0, extra: Partial<Parameters<typeof addComment>[1]> = {}): CommentRec {
  return addComment(sim.sim, { postId: p.id, contactId: personOf(p.channelId), text: "How much is it?", agoMs: ageMs, ...extra });
}

const privateReply = (commentId: string, via = maison) => post(`/${via}/messages`, { recipient: { comment_id: commentId }, message: { text: "Sent you the details" } });

describe("Graph reads", () => {
  it("lists the Page feed newest first with ad fields, and a post's comments with filter=stream including replies", async () => {
    const feed = await get(`/${maison}/feed`, { fields: "id,message,created_time,permalink_url,full_picture,ad_id,ad_title" });
    expect(feed.status).toBe(200);
    const data = feed.json.data as Array<Record<string, unknown>>;
    expect(data.length).toBeGreaterThanOrEqual(2);
    const times = data.map((d) => Date.parse(String(d.created_time).replace("+0000", "Z")));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(data.some((d) => d.ad_id === "120210000000000001" && d.ad_title === "Diffusers -20% December")).toBe(true);

    const velo = [...sim.sim.world.pages.values()][1]!;
    const ride = sim.sim.world.postsOf(velo.id)[0]!;
    const top = await graph(sim.url, "GET", `/${ride.id}/comments`, { access_token: sim.pageToken(velo.id) });
    const stream = await graph(sim.url, "GET", `/${ride.id}/comments`, { access_token: sim.pageToken(velo.id), filter: "stream", fields: "id,message,created_time,from,parent" });
    expect((top.json.data as unknown[]).length).toBe(1);
    const all = stream.json.data as Array<Record<string, unknown>>;
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ from: { id: velo.id, name: velo.name }, parent: { id: all[0]!.id } });
  });

  it("lists Instagram media and their comments with replies, and reads one comment", async () => {
    const media = await get(`/${ig}/media`, { fields: "id,caption,media_product_type,permalink,timestamp" });
    const list = media.json.data as Array<Record<string, unknown>>;
    expect(list.map((m) => m.media_product_type)).toContain("REELS");
    const reel = list.find((m) => m.media_product_type === "REELS")!;
    const comments = await get(`/${reel.id}/comments`, { fields: "id,text,timestamp,from,replies{id,text}" });
    const first = (comments.json.data as Array<Record<string, unknown>>)[0]!;
    expect(first.from).toMatchObject({ username: expect.any(String) });
    const one = await get(`/${first.id}`, { fields: "id,text,timestamp,from,hidden" });
    expect(one.json).toMatchObject({ id: first.id, text: first.text, hidden: false });
  });

  it("needs pages_read_user_content to read Page comments", async () => {
    const t = sim.sim.world.tokens.get(token())!;
    const saved = t.scopes;
    t.scopes = saved.filter((s) => s !== "pages_read_user_content");
    try {
      const r = await get(`/${maison}/feed`);
      expect(r.status).toBe(403);
      expect(r.json).toMatchObject({ error: { code: 200 } });
    } finally {
      t.scopes = saved;
    }
  });
});

describe("webhooks", () => {
  it("sends Page feed comment changes for add, edited, hide and remove; Instagram comments for a new comment", async () => {
    const p = freshPost(maison, { adId: "ad-1", adTitle: "Ad title" });
    const c = comment(p);
    const { editComment, removeComment, setCommentHidden } = await import("../src/comments");
    editComment(sim.sim, c.id, "How much is it, with shipping?");
    setCommentHidden(sim.sim, c.id, true);
    removeComment(sim.sim, c.id);
    const m = freshPost(ig);
    const igc = comment(m);
    await receiver.waitFor(() => changes().filter((x) => x.value.comment_id === c.id || x.value.id === igc.id).length >= 5);
    const page = changes().filter((x) => x.value.comment_id === c.id);
    expect(page.map((x) => x.value.verb)).toEqual(["add", "edited", "hide", "remove"]);
    expect(page[0]).toMatchObject({ object: "page", entryId: maison, field: "feed", value: { item: "comment", post_id: p.id, parent_id: p.id, message: "How much is it?", created_time: Math.floor(T0 / 1000), post: { ad_id: "ad-1" } } });
    expect(page[1]!.value.message).toBe("How much is it, with shipping?");
    const insta = changes().find((x) => x.value.id === igc.id)!;
    expect(insta).toMatchObject({ object: "instagram", entryId: ig, field: "comments", value: { text: "How much is it?", media: { id: m.id, media_product_type: "FEED" }, from: { id: igc.contactId } } });
  });
});

describe("public replies, hide, delete", () => {
  it("a Page reply is a comment with the comment as parent; Instagram replies go to /replies", async () => {
    const p = freshPost(maison);
    const c = comment(p);
    const r = await post(`/${c.id}/comments`, { message: "Thanks, sent you a message" });
    expect(r.status).toBe(200);
    const reply = sim.sim.world.comments.get(String(r.json.id))!;
    expect(reply).toMatchObject({ parentId: c.id, fromPage: true });
    const igc = comment(freshPost(ig));
    const ir = await post(`/${igc.id}/replies`, { message: "Thanks!" });
    expect(ir.status).toBe(200);
    expect(sim.sim.world.comments.get(String(ir.json.id))).toMatchObject({ parentId: igc.id, fromPage: true });
  });

  it("hides, unhides and deletes", async () => {
    const c = comment(freshPost(maison));
    expect((await post(`/${c.id}`, { is_hidden: "true" })).json).toEqual({ success: true });
    expect(sim.sim.world.comments.get(c.id)!.hidden).toBe(true);
    await post(`/${c.id}`, { is_hidden: "false" });
    expect(sim.sim.world.comments.get(c.id)!.hidden).toBe(false);
    const d = await graph(sim.url, "DELETE", `/${c.id}`, { access_token: token() });
    expect(d.json).toEqual({ success: true });
    expect((await get(`/${c.id}`)).status).toBe(400);
  });

  it("the Page likes and unlikes a Facebook comment; Instagram has no like edge", async () => {
    const c = comment(freshPost(maison));
    expect((await post(`/${c.id}/likes`)).json).toEqual({ success: true });
    expect((await get(`/${c.id}`, { fields: "user_likes,like_count" })).json).toMatchObject({ user_likes: true, like_count: 1 });
    expect((await graph(sim.url, "DELETE", `/${c.id}/likes`, { access_token: token() })).json).toEqual({ success: true });
    expect((await get(`/${c.id}`, { fields: "user_likes" })).json).toMatchObject({ user_likes: false });
    const igc = comment(freshPost(ig));
    const refused = await post(`/${igc.id}/likes`);
    expect(refused.status).toBe(400);
    expect(sim.sim.world.comments.get(igc.id)!.likedByPage).toBeUndefined();
  });
});

describe("private replies", () => {
  it("sends one message to the commenter (a conversation appears), then refuses a second with 10900", async () => {
    const c = comment(freshPost(maison));
    const r = await privateReply(c.id);
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ recipient_id: c.contactId, message_id: expect.any(String) });
    const conv = sim.sim.world.conversationOfContact(c.contactId!)!;
    expect(conv.messages.at(-1)).toMatchObject({ id: r.json.message_id, fromPage: true, text: "Sent you the details" });
    const again = await privateReply(c.id);
    expect(again.json).toMatchObject({ error: { code: 10900 } });
  });

  it("7 days: allowed a millisecond before, refused at exactly 7 days with 10903", async () => {
    const p = freshPost(maison);
    const inside = comment(p, 7 * DAY - 1);
    const at = comment(p, 7 * DAY);
    expect((await privateReply(inside.id)).status).toBe(200);
    expect((await privateReply(at.id)).json).toMatchObject({ error: { code: 10903 } });
  });

  it("refuses the Page's own comment (10902) and an unknown comment (100/2018292)", async () => {
    const p = freshPost(maison);
    const own = addComment(sim.sim, { postId: p.id, fromPage: true, text: "Welcome!" });
    expect((await privateReply(own.id)).json).toMatchObject({ error: { code: 10902 } });
    expect((await privateReply("999_999")).json).toMatchObject({ error: { code: 100, error_subcode: 2018292 } });
  });

  it("answers a visitor post with recipient.post_id", async () => {
    const visitor = personOf(maison);
    const vp = freshPost(maison, { visitorContactId: visitor, message: "Your shop was closed today?" });
    const r = await post(`/${maison}/messages`, { recipient: { post_id: vp.id }, message: { text: "Sorry! Open again tomorrow." } });
    expect(r.json).toMatchObject({ recipient_id: visitor });
    const own = freshPost(maison);
    expect((await post(`/${maison}/messages`, { recipient: { post_id: own.id }, message: { text: "x" } })).json).toMatchObject({ error: { code: 10902 } });
  });

  it("Instagram: through the Page, on the IG channel; 750 per hour per Page, then 613", async () => {
    const m = freshPost(ig);
    const first = comment(m);
    const r = await privateReply(first.id);
    expect(r.status).toBe(200);
    expect(sim.sim.world.contacts.get(String(r.json.recipient_id))!.channelId).toBe(ig);
    sim.sim.config.limits.privateRepliesPerHour = 2;
    try {
      expect((await privateReply(comment(m).id)).status).toBe(200);
      const refused = comment(m);
      expect((await privateReply(refused.id)).json).toMatchObject({ error: { code: 613 } });
      sim.sim.clock.set(T0 + HOUR + 1);
      expect((await privateReply(refused.id)).status).toBe(200);
    } finally {
      sim.sim.config.limits.privateRepliesPerHour = 750;
    }
  });

  it("Instagram Live: only while the broadcast runs", async () => {
    const live = freshPost(ig, { mediaProductType: "LIVE", liveRunning: true });
    const a = comment(live);
    const b = comment(live);
    await receiver.waitFor(() => changes().some((x) => x.field === "live_comments" && x.value.id === a.id));
    expect((await privateReply(a.id)).status).toBe(200);
    live.liveRunning = false;
    expect((await privateReply(b.id)).json).toMatchObject({ error: { code: 10903 } });
  });
});
