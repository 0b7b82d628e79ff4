// Comments over Instagram Login (graph.instagram.com, served under /ig-graph): Instagram Login's own permission
// names for reads, replies, hide/delete and private replies; the Facebook-Login names do not count there; the
// `comments` subscription needs the comments permission; comment webhooks of an account without a Page.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { HOUR } from "../src/clock";
import { graph, startReceiver, startTestSim, type Receiver } from "./helpers";

const BASIC_AND_MESSAGES = ["instagram_business_basic", "instagram_business_manage_messages"];
const WITH_COMMENTS = [...BASIC_AND_MESSAGES, "instagram_business_manage_comments"];

let sim: RunningSimulator;
let receiver: Receiver;
let igLoginId: string;
let igGraph: string;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: receiver.url } });
  igGraph = `${sim.url}/ig-graph`;
  igLoginId = (await sim.control<{ id: string }>("POST", "/instagram-login-accounts", { username: "atelier.nord", name: "Atelier Nord", withComments: true })).id;
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

const tokenWith = async (scopes: string[], igAccountId = igLoginId) => (await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId, scopes })).token;

function commentChanges(entryId: string): Array<{ object: string; field: string; value: Record<string, unknown> }> {
  const out: Array<{ object: string; field: string; value: Record<string, unknown> }> = [];
  for (const p of receiver.posts) {
    const b = p.body as { object: string; entry: Array<{ id: string; changes?: Array<{ field: string; value: Record<string, unknown> }> }> };
    for (const e of b.entry) if (e.id === entryId) for (const c of e.changes ?? []) out.push({ object: b.object, field: c.field, value: c.value });
  }
  return out;
}

describe("comments of an Instagram-Login account", () => {
  it("the dataset gives the account media with comments across the private-reply allowance", async () => {
    const truth = await sim.control<{ data: Array<{ id: string; comments: Array<{ text: string; createdTime: number; fromPage: boolean }> }> }>("GET", `/posts?channelId=${igLoginId}`);
    const comments = truth.data.flatMap((p) => p.comments);
    expect(truth.data).toHaveLength(3);
    const ages = comments.filter((c) => !c.fromPage).map((c) => (sim.sim.now() - c.createdTime) / HOUR);
    expect(ages.some((h) => h < 24)).toBe(true);
    expect(ages.some((h) => h > 24 * 5 && h < 24 * 7)).toBe(true);
    expect(ages.some((h) => h > 24 * 7)).toBe(true);
    expect(comments.some((c) => c.fromPage)).toBe(true);
  });

  it("reads need instagram_business_basic + instagram_business_manage_comments; Facebook Login's names do not count", async () => {
    const without = await graph(igGraph, "GET", `/${igLoginId}/media`, { access_token: await tokenWith(BASIC_AND_MESSAGES) });
    expect(without.status).toBe(403);
    expect(without.json).toMatchObject({ error: { code: 200, message: expect.stringContaining("instagram_business_manage_comments") } });
    const fbNames = await graph(igGraph, "GET", `/${igLoginId}/media`, { access_token: await tokenWith(["instagram_business_basic", "instagram_basic", "instagram_manage_comments"]) });
    expect(fbNames.json).toMatchObject({ error: { code: 200 } });

    const token = await tokenWith(WITH_COMMENTS);
    const media = await graph<{ data: Array<{ id: string; caption: string }> }>(igGraph, "GET", "/me/media", { access_token: token, fields: "id,caption,timestamp,media_product_type,permalink" });
    expect(media.status).toBe(200);
    expect(media.json.data).toHaveLength(3);
    const counts = await Promise.all(
      media.json.data.map(async (m) => {
        const list = await graph<{ data: Array<{ id: string; text: string; from: { id: string; username: string }; replies?: { data: unknown[] } }>; paging?: { next?: string } }>(igGraph, "GET", `/${m.id}/comments`, {
          access_token: token,
          fields: "id,text,timestamp,from,hidden,replies{id,text,timestamp,from}",
        });
        expect(list.status).toBe(200);
        for (const c of list.json.data) expect(c.from.username).not.toBe("");
        return list.json.data.length + list.json.data.reduce((n, c) => n + (c.replies?.data.length ?? 0), 0);
      }),
    );
    expect(counts.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it("public reply, hide and delete with the comments permission; refused without it", async () => {
    const posts = await sim.control<{ data: Array<{ id: string; comments: Array<{ id: string; fromPage: boolean; parentId: string | null }> }> }>("GET", `/posts?channelId=${igLoginId}`);
    const target = posts.data.flatMap((p) => p.comments).find((c) => !c.fromPage && c.parentId === null)!;
    const noComments = await tokenWith(BASIC_AND_MESSAGES);
    expect((await graph(igGraph, "POST", `/${target.id}/replies`, { access_token: noComments, message: "Thanks!" })).json).toMatchObject({ error: { code: 200 } });

    const token = await tokenWith(WITH_COMMENTS);
    const reply = await graph<{ id: string }>(igGraph, "POST", `/${target.id}/replies`, { access_token: token, message: "Thanks, sent you a DM!" });
    expect(reply.status).toBe(200);
    expect(sim.sim.world.comments.get(reply.json.id)).toMatchObject({ fromPage: true, parentId: target.id });
    expect((await graph(igGraph, "POST", `/${target.id}`, { access_token: token, hide: "true" })).json).toEqual({ success: true });
    expect(sim.sim.world.comments.get(target.id)?.hidden).toBe(true);
    expect((await graph(igGraph, "DELETE", `/${reply.json.id}`, { access_token: token })).json).toEqual({ success: true });
    // The Facebook host refuses the Instagram token, as for every other call.
    expect((await graph(sim.url, "GET", `/${target.id}`, { access_token: token })).json).toMatchObject({ error: { code: 190 } });
  });

  it("private reply: POST /me/messages on graph.instagram.com with recipient.comment_id, once; needs the comments and messages permissions", async () => {
    const post = await sim.control<{ id: string }>("POST", "/posts", { channelId: igLoginId, message: "Fresh media" });
    const asked = await sim.control<{ id: string; contactId: string }>("POST", "/customer/comment", { postId: post.id, newContact: { name: "Ada Berg", username: "ada.berg" }, text: "Price?" });
    const body = { recipient: { comment_id: asked.id }, message: { text: "It is 45 €, details in your DMs." } };
    expect((await graph(igGraph, "POST", "/me/messages", { access_token: await tokenWith(BASIC_AND_MESSAGES), ...body })).json).toMatchObject({ error: { code: 200, message: expect.stringContaining("instagram_business_manage_comments") } });
    expect((await graph(igGraph, "POST", "/me/messages", { access_token: await tokenWith(["instagram_business_basic", "instagram_business_manage_comments"]), ...body })).json).toMatchObject({ error: { code: 200, message: expect.stringContaining("instagram_business_manage_messages") } });

    const token = await tokenWith(WITH_COMMENTS);
    const sent = await graph<{ recipient_id: string; message_id: string }>(igGraph, "POST", `/${igLoginId}/messages`, { access_token: token, ...body });
    expect(sent.status).toBe(200);
    expect(sent.json.recipient_id).toBe(asked.contactId);
    expect(sim.sim.world.messages.get(sent.json.message_id)?.text).toBe("It is 45 €, details in your DMs.");
    const again = await graph(igGraph, "POST", "/me/messages", { access_token: token, ...body });
    expect(again.json).toMatchObject({ error: { code: 10900 } });
    const log = await sim.control<{ data: Array<{ path: string; objectId: string; status: number; host: string }> }>("GET", "/send-log");
    expect(log.data.filter((e) => e.objectId === igLoginId && e.status === 200).map((e) => `${e.host} ${e.path}`)).toContain(`graph.instagram.com /${igLoginId}/messages`);
    const requests = await sim.control<{ data: Array<{ path: string; host: string; status: number }> }>("GET", "/requests");
    expect(requests.data.filter((r) => r.path.endsWith(`/${igLoginId}/messages`) && r.status === 200).map((r) => r.host)).toEqual(["graph.instagram.com"]);
  });

  it("webhooks: `comments` can be subscribed only with the comments permission; new comments arrive as object instagram, entry.id = the account", async () => {
    const noComments = await tokenWith(BASIC_AND_MESSAGES);
    const refused = await graph(igGraph, "POST", "/me/subscribed_apps", { access_token: noComments, subscribed_fields: "messages,comments" });
    expect(refused.json).toMatchObject({ error: { code: 200 } });
    expect((await graph(igGraph, "POST", "/me/subscribed_apps", { access_token: noComments, subscribed_fields: "messages" })).json).toEqual({ success: true });

    const token = await tokenWith(WITH_COMMENTS);
    expect((await graph(igGraph, "POST", "/me/subscribed_apps", { access_token: token, subscribed_fields: "messages,comments,live_comments" })).json).toEqual({ success: true });
    const post = await sim.control<{ id: string }>("POST", "/posts", { channelId: igLoginId, message: "Webhook media" });
    const c = await sim.control<{ id: string }>("POST", "/customer/comment", { postId: post.id, newContact: { name: "Ben Ode", username: "ben.ode" }, text: "Love it" });
    await sim.control("POST", "/webhooks/drain", {});
    const change = commentChanges(igLoginId).find((x) => x.value.id === c.id);
    expect(change).toMatchObject({ object: "instagram", field: "comments", value: { id: c.id, text: "Love it", from: { username: "ben.ode" }, media: { id: post.id, media_product_type: "FEED" } } });
  });

  it("no comment webhooks for an account that never granted the comments permission", async () => {
    const bare = (await sim.control<{ id: string }>("POST", "/instagram-login-accounts", { username: "bare.shop", name: "Bare Shop" })).id;
    const token = await tokenWith(BASIC_AND_MESSAGES, bare);
    expect((await graph(igGraph, "POST", "/me/subscribed_apps", { access_token: token, subscribed_fields: "messages" })).json).toEqual({ success: true });
    const post = await sim.control<{ id: string }>("POST", "/posts", { channelId: bare, message: "Quiet media" });
    await sim.control("POST", "/customer/comment", { postId: post.id, newContact: { name: "Cy Dee", username: "cy.dee" }, text: "Hello?" });
    await sim.control("POST", "/webhooks/drain", {});
    expect(commentChanges(bare)).toEqual([]);
    // Granting it later (a new login with the permission) turns them on: Meta's dashboard subscription + any field.
    await tokenWith(WITH_COMMENTS, bare);
    const c = await sim.control<{ id: string }>("POST", "/customer/comment", { postId: post.id, newContact: { name: "Di Ee", username: "di.ee" }, text: "Now?" });
    await sim.control("POST", "/webhooks/drain", {});
    expect(commentChanges(bare).map((x) => x.value.id)).toEqual([c.id]);
  });
});
