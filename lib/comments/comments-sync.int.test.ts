// Comments from the simulator, end to end: the backfill on connect, live webhooks (adds, edits, hides,
// removals, replies, the Page's own replies), then every comment webhook replayed shuffled three times, with
// backfills in between — the stored comments always equal the simulator's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectChannelFromPageToken } from "@/lib/channels/connect-channel-from-page-token";
import { db } from "@/lib/db";
import type { JobWorker } from "@/lib/jobs/job-worker";
import { conversationsGraph } from "@/lib/meta/graph";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { applyWebhookBatch } from "@/lib/webhooks/apply-webhook-batch";
import { WebhookProcessor } from "@/lib/webhooks/webhook-processor";
import { readWebhookEnvelope, webhookItems, type WebhookItem } from "@/lib/webhooks/parse-webhook";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, startSyncWorker, waitUntil, type MetaTestEnv, type SimChannel } from "@/scripts/testing/meta-test-env";
import { backfillComments } from "./backfill-comments";

let env: MetaTestEnv;
let worker: JobWorker;
let processor: WebhookProcessor;
let accountId: string;
let messenger: SimChannel;
let instagram: SimChannel;

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
interface SimPost {
  id: string;
  channelId: string;
  adId: string | null;
  permalink: string;
  comments: SimComment[];
}

const WEEK = 7 * 86_400_000;

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
  worker = await startSyncWorker();
  processor = new WebhookProcessor({ pollIntervalMs: 200 });
  await processor.start();
  const account = await createAccount();
  accountId = account.id;
  const admin = await createTestAgent(account.id, "ADMIN");
  const channels = await simChannels(env.sim);
  instagram = channels.find((c) => c.platform === "instagram")!;
  messenger = channels.find((c) => c.platform === "messenger" && c.id === instagram.pageId)!;
  await connectChannelFromPageToken({ accountId, actorId: admin.id, pageToken: env.sim.pageToken(messenger.id) });
  await waitUntil(async () => (await db.syncRun.count({ where: { channel: { accountId }, status: { not: "SUCCEEDED" } } })) === 0, { what: "backfill" });
  for (const platform of ["MESSENGER", "INSTAGRAM"] as const) {
    await waitUntil(async () => (await db.socialPost.count({ where: { accountId, channel: { platform }, caption: { not: null } } })) > 0, { what: `comment backfill (${platform})` });
  }
}, 120_000);

afterAll(async () => {
  await processor?.stop();
  await worker?.stop(5_000);
  await env?.close();
});

async function settle() {
  await env.sim.control("POST", "/webhooks/drain", { timeoutMs: 10_000 });
  await expect.poll(() => db.webhookEvent.count({ where: { status: "RECEIVED" } }), { timeout: 10_000, interval: 50 }).toBe(0);
}

/** The simulator's comments of the last 7 days on the connected channels, as comparable rows. */
async function simTruth() {
  const now = Date.now();
  const out: string[] = [];
  for (const channel of [messenger, instagram]) {
    const { data } = await env.sim.control<{ data: SimPost[] }>("GET", `/posts?channelId=${channel.id}`);
    for (const post of data) {
      for (const c of post.comments) {
        if (now - c.createdTime >= WEEK - 60_000) continue;
        const author = c.fromPage ? channel.id : c.contactId;
        out.push(row(c.id, post.id, c.parentId, author!, c.deleted ? null : c.text, Math.floor(c.createdTime / 1000), c.hidden, c.deleted));
      }
    }
  }
  return out.sort();
}

async function ourComments() {
  const since = new Date(Date.now() - WEEK + 60_000);
  const rows = await db.comment.findMany({ where: { accountId, metaCreatedAt: { gte: since } }, include: { post: true, channel: true } });
  return rows
    .map((c) => row(c.metaCommentId!, c.post.metaPostId, c.parentMetaId, c.byPage ? c.channel.metaId : c.authorMetaId, c.deletedAt ? null : c.text, Math.floor(c.metaCreatedAt.getTime() / 1000), c.hidden, c.deletedAt !== null))
    .sort();
}

function row(id: string, post: string, parent: string | null, author: string, text: string | null, createdS: number, hidden: boolean, deleted: boolean): string {
  return JSON.stringify({ id, post, parent, author, text, createdS, hidden: deleted ? null : hidden, deleted });
}

const customer = <T>(path: string, body: unknown) => env.sim.control<T>("POST", `/customer/${path}`, body);

async function backfillBoth() {
  for (const c of await db.channel.findMany({ where: { accountId } })) {
    const { channelToken } = await import("@/lib/channels/channel-token");
    await backfillComments({ channel: { id: c.id, accountId, platform: c.platform, metaId: c.metaId, pageMetaId: c.pageMetaId }, token: await channelToken(c.id), graph: conversationsGraph() });
  }
}

describe("comment sync", () => {
  it("the backfill on connect stores the demo's comments of the last 7 days, with posts, ads and the Page's reply", async () => {
    const ad = await db.socialPost.findFirst({ where: { accountId, adId: "120210000000000001" } });
    expect(ad).toMatchObject({ adTitle: "Diffusers -20% December", caption: expect.stringContaining("diffuser") });
    const eightDaysOld = await db.comment.findFirst({ where: { accountId, text: { contains: "order #4471" } } });
    expect(eightDaysOld).toBeNull();
    const truth = await simTruth();
    expect(truth.length).toBe(6);
    // Post by post, one transaction each: poll until the read on connect is complete.
    await expect.poll(() => ourComments(), { timeout: 20_000, interval: 200 }).toEqual(truth);
  });

  it("live webhooks, then every comment webhook replayed shuffled three times (with backfills between), equal the simulator", async () => {
    const { data: posts } = await env.sim.control<{ data: SimPost[] }>("GET", `/posts?channelId=${messenger.id}`);
    const { data: media } = await env.sim.control<{ data: SimPost[] }>("GET", `/posts?channelId=${instagram.id}`);
    const logStart = (await env.sim.control<{ data: { id: number }[] }>("GET", "/webhooks/log?limit=1")).data.at(-1)?.id ?? 0;

    const post = posts[0]!;
    const a = await customer<SimComment>("comment", { postId: post.id, newContact: { name: "Paula Costa" }, text: "Is this in stock?" });
    const b = await customer<SimComment>("comment", { postId: post.id, newContact: { name: "Ravi Shah" }, text: "Lovely 😍" });
    const reply = await customer<SimComment>("comment", { postId: post.id, contactId: b.contactId, parentId: a.id, text: "I want to know too" });
    await customer("comment-edit", { commentId: a.id, text: "Is this in stock in large?" });
    await customer("comment-edit", { commentId: a.id, text: "Is this in stock in large? (blue)" });
    const token = env.sim.pageToken(messenger.id);
    const graphPost = (path: string, body: Record<string, string>) =>
      fetch(`${env.sim.url}/v24.0/${path}?access_token=${token}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Record<string, unknown>>);
    await graphPost(b.id, { is_hidden: "true" });
    await graphPost(b.id, { is_hidden: "false" });
    await graphPost(reply.id, { is_hidden: "true" });
    const pageReply = await graphPost(`${a.id}/comments`, { message: "Yes, in large and blue!" });
    expect(pageReply.id).toEqual(expect.any(String));
    const gone = await customer<SimComment>("comment", { postId: post.id, newContact: { name: "Spam Bot" }, text: "cheap followers" });
    await customer("comment-remove", { commentId: gone.id });
    const ig = await customer<SimComment>("comment", { postId: media[0]!.id, newContact: { name: "Lena Vogel", username: "lena.v" }, text: "Do you ship to Austria?" });
    await customer("comment", { postId: media[0]!.id, contactId: ig.contactId, parentId: ig.id, text: "and Switzerland?" });
    await settle();

    const stored = await db.comment.findFirstOrThrow({ where: { metaCommentId: a.id } });
    expect(stored).toMatchObject({ text: "Is this in stock in large? (blue)", byPage: false, status: "OPEN" });
    expect(await db.comment.findFirstOrThrow({ where: { metaCommentId: String(pageReply.id) } })).toMatchObject({ byPage: true, parentMetaId: a.id });
    expect(await db.comment.findFirstOrThrow({ where: { metaCommentId: gone.id } })).toMatchObject({ deletedAt: expect.any(Date) });
    // Instagram sends no creation time: a Graph read gives the comment's own, then the sets are equal.
    await backfillBoth();
    expect(await ourComments()).toEqual(await simTruth());

    const { data: log } = await env.sim.control<{ data: { body: string; outcome: string }[] }>("GET", `/webhooks/log?since=${logStart}&outcome=delivered&limit=10000`);
    const items: WebhookItem[] = [];
    for (const entry of log) {
      const read = readWebhookEnvelope(entry.body);
      if (read.ok) items.push(...webhookItems(read.envelope).items.filter((i) => i.type === "comment"));
    }
    expect(items.length).toBeGreaterThanOrEqual(12);
    for (let round = 0; round < 3; round++) {
      const shuffled = shuffle(items, round + 1);
      for (const item of shuffled) await db.$transaction((tx) => applyWebhookBatch(tx, [item], { ourAppId: "1517776481860111", realtime: new RealtimeBatch() }));
      expect(await ourComments()).toEqual(await simTruth());
      if (round === 1) await backfillBoth();
    }
    // The same, as one batch (set-based processing of a whole burst).
    await db.$transaction((tx) => applyWebhookBatch(tx, shuffle(items, 9), { ourAppId: "1517776481860111", realtime: new RealtimeBatch() }));
    expect(await ourComments()).toEqual(await simTruth());
  }, 120_000);

  it("a removal Instagram never announces is found by the next read", async () => {
    const { data: media } = await env.sim.control<{ data: SimPost[] }>("GET", `/posts?channelId=${instagram.id}`);
    const c = await customer<SimComment>("comment", { postId: media[0]!.id, newContact: { name: "Temp", username: "temp.user" }, text: "delete me" });
    await settle();
    expect(await db.comment.findFirst({ where: { metaCommentId: c.id, deletedAt: null } })).not.toBeNull();
    await customer("comment-remove", { commentId: c.id });
    await backfillBoth();
    expect(await db.comment.findFirstOrThrow({ where: { metaCommentId: c.id } })).toMatchObject({ deletedAt: expect.any(Date) });
    expect(await ourComments()).toEqual(await simTruth());
  });
});

/** Deterministic Fisher–Yates. */
function shuffle<T>(list: T[], seed: number): T[] {
  const out = [...list];
  let s = seed * 7919;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
