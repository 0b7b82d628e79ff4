// Comments on an Instagram account connected with Instagram Login (no Facebook Page) against the Meta simulator:
// the connect asks for instagram_business_manage_comments and subscribes the comment fields; the comment backfill
// equals the simulator's comments of the last 7 days; a comment webhook of the Instagram app is applied; the public
// and the private reply reach graph.instagram.com (the simulator's request log names the host); a second private
// reply is refused before Meta; an account connected without the comments permission says what is missing and
// reads no comments.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChannelHealth } from "@/lib/health/channel-health";
import { channelToken } from "@/lib/channels/channel-token";
import { finishInstagramOAuth, startInstagramOAuth } from "@/lib/channels/instagram-oauth";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { graph } from "@/lib/meta/graph";
import { WebhookProcessor } from "@/lib/webhooks/webhook-processor";
import { asSession, createAccount, createTestAgent } from "@/scripts/testing/factories";
import { startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv } from "@/scripts/testing/meta-test-env";
import { backfillComments } from "./backfill-comments";
import { sendPrivateReply } from "./send-private-reply";
import { sendPublicReply } from "./send-public-reply";
import { rejection } from "@/scripts/testing/app-error-of";

const WEEK = 7 * 86_400_000;
let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let igLoginId: string;
let bareId: string;

interface SimComment {
  id: string;
  postId: string;
  parentId: string | null;
  contactId: string | null;
  fromPage: boolean;
  text: string;
  createdTime: number;
  hidden: boolean;
  deleted: boolean;
}
interface RequestLogEntry {
  id: number;
  method: string;
  path: string;
  host: string;
  status: number;
}

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 100 });
  await processor.start();
  igLoginId = (await env.sim.control<{ id: string }>("POST", "/instagram-login-accounts", { username: "atelier.nord", name: "Atelier Nord", withComments: true })).id;
  bareId = (await env.sim.control<{ id: string }>("POST", "/instagram-login-accounts", { username: "plain.studio", name: "Plain Studio", withComments: true })).id;
}, 60_000);

afterAll(async () => {
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

type Admin = Awaited<ReturnType<typeof createTestAgent>>;

/** The admin's browser through Instagram's window; `scope` = what the person leaves ticked (default: all we ask). */
async function connectWithInstagram(admin: Admin, igAccountId: string, scope?: string) {
  const { url, nonce } = startInstagramOAuth(admin.id);
  const form = new URLSearchParams(new URL(url).searchParams);
  if (scope) form.set("scope", scope);
  form.set("account", igAccountId);
  form.set("action", "allow");
  const res = await fetch(`${env.sim.url}/ig-www/oauth/authorize/confirm`, { method: "POST", body: form, redirect: "manual" });
  return finishInstagramOAuth({ admin: asSession(admin), query: new URL(res.headers.get("location")!).searchParams, nonce });
}

async function settleWebhooks() {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
  await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 10_000, interval: 50 }).toBe(0);
}

const requestsSince = async (id: number) => (await env.sim.control<{ data: RequestLogEntry[] }>("GET", `/requests?since=${id}&limit=100000`)).data;
const lastRequestId = async () => (await env.sim.control<{ data: RequestLogEntry[] }>("GET", "/requests?limit=100000")).data.at(-1)?.id ?? 0;

function row(id: string, post: string, parent: string | null, author: string, text: string, createdS: number): string {
  return JSON.stringify({ id, post, parent, author, text, createdS });
}

/** The simulator's comments of the last 7 days on the account (a minute of slack at the edge). */
async function simTruth(igAccountId: string) {
  const { data } = await env.sim.control<{ data: Array<{ id: string; comments: SimComment[] }> }>("GET", `/posts?channelId=${igAccountId}`);
  const now = Date.now();
  return data
    .flatMap((p) => p.comments.filter((c) => !c.deleted && now - c.createdTime < WEEK - 60_000).map((c) => row(c.id, p.id, c.parentId, c.fromPage ? igAccountId : c.contactId!, c.text, Math.floor(c.createdTime / 1000))))
    .sort();
}

async function ourComments(channelId: string) {
  const rows = await db.comment.findMany({ where: { channelId, deletedAt: null, metaCreatedAt: { gte: new Date(Date.now() - WEEK + 60_000) } }, include: { post: true, channel: true } });
  return rows.map((c) => row(c.metaCommentId!, c.post.metaPostId, c.parentMetaId, c.byPage ? c.channel.metaId : c.authorMetaId, c.text ?? "", Math.floor(c.metaCreatedAt.getTime() / 1000))).sort();
}

describe("comments of an Instagram-Login channel", () => {
  let admin: Admin;
  let accountId: string;
  let channelId: string;

  it("connect asks for and records instagram_business_manage_comments, subscribes the comment fields; the backfill equals the simulator's last 7 days", async () => {
    const account = await createAccount();
    accountId = account.id;
    admin = await createTestAgent(account.id, "ADMIN");
    expect(new URL(startInstagramOAuth(admin.id).url).searchParams.get("scope")).toContain("instagram_business_manage_comments");
    const connected = await connectWithInstagram(admin, igLoginId);
    channelId = connected.id;
    const channel = await db.channel.findUniqueOrThrow({ where: { id: channelId }, select: { connection: true, grantedScopes: true } });
    expect(channel).toMatchObject({ connection: "INSTAGRAM_LOGIN", grantedScopes: expect.arrayContaining(["instagram_business_basic", "instagram_business_manage_comments"]) });
    expect(env.sim.sim.world.igAccounts.get(igLoginId)!.subscribedFields).toEqual(expect.arrayContaining(["messages", "comments", "live_comments"]));

    const truth = await simTruth(igLoginId);
    // The dataset's account: three media, an 8-day-old comment (not read), a reply by the account.
    expect(truth.length).toBe(4);
    await waitUntil(async () => JSON.stringify(await ourComments(channelId)) === JSON.stringify(truth), { what: "comment backfill", timeoutMs: 60_000 });
    expect(await db.comment.count({ where: { channelId, text: { contains: "still no tracking number" } } })).toBe(0);
    const ad = await db.socialPost.findFirstOrThrow({ where: { channelId, adId: "120210000000000003" } });
    expect(ad).toMatchObject({ adTitle: "Winter cabin set" });
    expect((await listAdminChannels(accountId)).find((c) => c.id === channelId)?.missingCommentPermissions).toEqual([]);
  }, 90_000);

  let webhookCommentId: string;

  it("a comment webhook of the Instagram app (object instagram, entry.id = the account) is stored", async () => {
    const { data } = await env.sim.control<{ data: Array<{ id: string }> }>("GET", `/posts?channelId=${igLoginId}`);
    const c = await env.sim.control<{ id: string; contactId: string }>("POST", "/customer/comment", { postId: data[0]!.id, newContact: { name: "Ada Berg", username: "ada.berg" }, text: "Do you ship to Oslo?" });
    await settleWebhooks();
    const stored = await db.comment.findFirstOrThrow({ where: { channelId, metaCommentId: c.id } });
    expect(stored).toMatchObject({ authorMetaId: c.contactId, authorUsername: "ada.berg", text: "Do you ship to Oslo?", byPage: false, status: "OPEN" });
    webhookCommentId = stored.id;
  });

  it("the public and the private reply go to graph.instagram.com; a second private reply is refused before Meta", async () => {
    const agent = asSession(admin);
    const comment = await db.comment.findUniqueOrThrow({ where: { id: webhookCommentId } });
    const before = await lastRequestId();

    const publicReply = await sendPublicReply({ agent, commentId: comment.id, idempotencyKey: randomUUID(), text: "Yes, 3–4 days to Oslo!" });
    expect(publicReply.reply).toMatchObject({ status: "SENT" });
    const privateReply = await sendPrivateReply({ agent, commentId: comment.id, idempotencyKey: randomUUID(), text: "Here is the shipping table for Norway." });
    expect(privateReply.status).toBe(201);
    expect(privateReply.message).toMatchObject({ sendStatus: "SENT" });

    const calls = (await requestsSince(before)).filter((r) => r.method === "POST");
    expect(calls.map((r) => `${r.host} ${r.path.replace(/^\/v\d+\.\d+/, "")} ${r.status}`)).toEqual([
      `graph.instagram.com /${comment.metaCommentId}/replies 200`,
      `graph.instagram.com /${igLoginId}/messages 200`,
    ]);
    const sends = (await env.sim.control<{ data: Array<{ id: number; host: string; request: Record<string, unknown> }> }>("GET", `/send-log?objectId=${igLoginId}`)).data;
    expect(sends.at(-1)).toMatchObject({ host: "graph.instagram.com", request: { recipient: { comment_id: comment.metaCommentId }, message: { text: "Here is the shipping table for Norway." } } });
    // Meta's truth: the account's reply under the comment, and the message in the person's (new) conversation.
    const simComment = await env.sim.control<{ privateReplyMessageId: string | null }>("GET", `/comments/${comment.metaCommentId}`);
    expect(simComment.privateReplyMessageId).toBe((await db.message.findUniqueOrThrow({ where: { id: privateReply.message.id } })).mid);

    const afterReplies = await lastRequestId();
    const second = await rejection(sendPrivateReply({ agent, commentId: comment.id, idempotencyKey: randomUUID(), text: "One more thing…" }));
    expect(second).toMatchObject({ status: 422, code: "window_closed", details: { reason: "ALREADY_REPLIED" } });
    expect(await requestsSince(afterReplies)).toEqual([]);
  });

  it("its health page asks graph.instagram.com (no debug_token there), judges Instagram Login's permissions and fields, and leaves the token valid", async () => {
    const before = await lastRequestId();
    const health = await getChannelHealth(accountId, channelId);
    const calls = (await requestsSince(before)).filter((r) => r.path.includes("debug_token") || /\/(me|\d+)(\/subscribed_apps)?$/.test(r.path));
    expect(calls.map((r) => `${r.host} ${r.method} ${r.path.replace(/^\/v\d+\.\d+/, "")} ${r.status}`).sort()).toEqual([
      "graph.instagram.com GET /me 200",
      "graph.instagram.com GET /me/subscribed_apps 200",
    ]);
    expect(health.token).toMatchObject({ ok: true, value: { kind: "INSTAGRAM_USER", valid: true, expiresAt: expect.any(String), warning: null } });
    expect(health.permissions).toMatchObject({ ok: true, value: { missing: [] } });
    expect(health.webhookFields).toMatchObject({ ok: true, value: { missing: [], subscribed: expect.arrayContaining(["messages", "comments"]) } });
    expect((await db.channel.findUniqueOrThrow({ where: { id: channelId } })).tokenStatus).toBe("VALID");
  });
});

describe("an Instagram-Login channel connected without the comments permission", () => {
  it("lists the missing permission, reads no comments from Meta and subscribes no comment fields", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const connected = await connectWithInstagram(admin, bareId, "instagram_business_basic,instagram_business_manage_messages");
    const channel = await db.channel.findUniqueOrThrow({ where: { id: connected.id } });
    expect(channel.grantedScopes).toEqual(["instagram_business_basic", "instagram_business_manage_messages"]);
    expect(env.sim.sim.world.igAccounts.get(bareId)!.subscribedFields).not.toContain("comments");
    expect((await listAdminChannels(account.id)).find((c) => c.id === connected.id)?.missingCommentPermissions).toEqual(["instagram_business_manage_comments"]);

    const before = await lastRequestId();
    const result = await backfillComments({
      channel: { id: channel.id, accountId: account.id, platform: channel.platform, metaId: channel.metaId, pageMetaId: channel.pageMetaId },
      token: await channelToken(channel.id),
      graph: graph("INSTAGRAM_LOGIN"),
    });
    expect(result).toMatchObject({ skipped: "permissions", graphCalls: 0 });
    expect((await requestsSince(before)).filter((r) => r.path.endsWith("/media") || r.path.endsWith("/comments"))).toEqual([]);

    // Meta sends no comment notifications for the account either.
    const { data } = await env.sim.control<{ data: Array<{ id: string }> }>("GET", `/posts?channelId=${bareId}`);
    const c = await env.sim.control<{ id: string }>("POST", "/customer/comment", { postId: data[0]!.id, newContact: { name: "Cy Dee", username: "cy.dee" }, text: "Hello?" });
    await settleWebhooks();
    expect(await db.comment.count({ where: { metaCommentId: c.id } })).toBe(0);
    expect(await db.comment.count({ where: { channelId: connected.id } })).toBe(0);
  }, 60_000);
});
