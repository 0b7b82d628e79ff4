// Private and public replies against the Meta simulator: every refusal decided by us before Meta (the simulator
// sees no call), exactly one private reply at Meta under concurrent double submits, idempotency, the send
// pipeline's recipient `{comment_id}`, the list API's allowance.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { outboxMetadata } from "@/lib/send/outbox-metadata";
import { startSendHarness, type HarnessChannel, type SendHarness } from "@/scripts/testing/send-harness";
import { applyCommentChanges } from "./apply-comment-changes";
import { changeCommentStatus } from "./change-comment-status";
import { listComments } from "./list-comments";
import { moderateComment } from "./moderate-comment";
import { sendPrivateReply } from "./send-private-reply";
import { sendPublicReply } from "./send-public-reply";
import { rejection } from "@/scripts/testing/app-error-of";

let h: SendHarness;
beforeAll(async () => {
  h = await startSendHarness();
});
afterAll(async () => {
  await h?.close();
});
beforeEach(async () => {
  await h.releaseEchoes();
  await h.clearSendLog();
});

const key = () => crypto.randomUUID();

/** A post and a comment at the simulator, `hoursAgo` old, stored on our side as the sync would store it. */
async function comment(channel: HarnessChannel, hoursAgo: number, options: { fromPage?: boolean } = {}) {
  const post = await h.sim.control<{ id: string }>("POST", "/posts", { channelId: channel.metaId, message: "New arrivals", adId: "ad-77", adTitle: "Winter ad" });
  const simComment = await h.sim.control<{ id: string; contactId: string | null; createdTime: number }>("POST", "/customer/comment", {
    postId: post.id,
    ...(options.fromPage ? {} : { newContact: { name: "Nora Quinn", username: "nora.q" } }),
    text: "How much is shipping?",
    hoursAgo,
  });
  if (options.fromPage) {
    // The customer endpoint makes people's comments; the Page's own goes through Graph.
    const own = await fetch(`${h.sim.url}/v24.0/${post.id}/comments?access_token=${(await token(channel))}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message: "Welcome!" }) }).then((r) => r.json() as Promise<{ id: string }>);
    return store(channel, post.id, own.id, channel.metaId, Date.now());
  }
  return store(channel, post.id, simComment.id, simComment.contactId!, simComment.createdTime);
}

async function token(channel: HarnessChannel): Promise<string> {
  const { data } = await h.sim.control<{ data: { id: string; accessToken: string }[] }>("GET", "/channels");
  return data.find((c) => c.id === channel.pageMetaId)!.accessToken;
}

async function store(channel: HarnessChannel, postId: string, commentId: string, authorId: string, createdMs: number) {
  await db.$transaction((tx) =>
    applyCommentChanges(
      tx,
      { id: channel.id, accountId: channel.accountId, platform: channel.platform, metaId: channel.metaId, pageMetaId: channel.pageMetaId },
      [
        {
          verb: "add",
          commentId,
          postId,
          parentId: null,
          authorId,
          authorName: "Nora Quinn",
          authorUsername: "nora.q",
          text: "How much is shipping?",
          createdAt: new Date(createdMs),
          at: new Date(createdMs),
          isLive: false,
          post: { permalink: null, adId: "ad-77", adTitle: "Winter ad", mediaProductType: null },
        },
      ],
      new RealtimeBatch(),
    ),
  );
  return db.comment.findFirstOrThrow({ where: { channelId: channel.id, metaCommentId: commentId } });
}

const privateReply = (commentId: string, text = "I sent you the shipping table.", idempotencyKey = key()) => sendPrivateReply({ agent: h.agent, commentId, idempotencyKey, text });

describe("private replies", () => {
  it("a fresh comment: one message to Meta with recipient {comment_id}, in the person's new conversation; the comment is answered", async () => {
    const c = await comment(h.messenger, 2);
    const { status, message } = await privateReply(c.id);
    expect(status).toBe(201);
    expect(message).toMatchObject({ sendStatus: "SENT", direction: "OUTBOUND", senderKind: "AGENT" });
    const log = await h.sendLog();
    expect(log).toHaveLength(1);
    expect(log[0]!.request).toEqual({ recipient: { comment_id: c.metaCommentId }, message: { text: "I sent you the shipping table.", metadata: outboxMetadata(message.id) } });
    const stored = await db.message.findUniqueOrThrow({ where: { id: message.id }, include: { conversation: { include: { contact: true } } } });
    expect(stored.privateReplyCommentId).toBe(c.id);
    expect(stored.conversation.contact.platformUserId).toBe(c.authorMetaId);
    expect(await db.comment.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "RESOLVED" });
    const audit = await db.auditEvent.findMany({ where: { accountId: h.accountId, type: { startsWith: "private_reply" } }, orderBy: { createdAt: "asc" } });
    expect(audit.at(-1)).toMatchObject({ type: "private_reply.allowed", data: expect.objectContaining({ commentId: c.id, messageId: message.id }) });

    const { comments } = await listComments({ agent: h.agent, status: "resolved" });
    const view = comments.find((x) => x.id === c.id)!;
    expect(view.privateReply).toMatchObject({ allowed: false, reason: "ALREADY_REPLIED", messageId: message.id, sentAt: expect.any(String), conversationId: stored.conversationId });
    expect(view.post).toMatchObject({ isAd: true, adTitle: "Winter ad" });
  });

  it("refusals are decided before Meta: second reply, 8 days old, the Page's own comment — the simulator sees no call", async () => {
    const answered = await comment(h.messenger, 1);
    await privateReply(answered.id);
    await h.clearSendLog();
    const old = await comment(h.messenger, 8 * 24);
    const own = await comment(h.messenger, 0, { fromPage: true });
    const requestsBefore = await h.sim.control<{ data: unknown[] }>("GET", "/requests?limit=100000");

    const second = await rejection(privateReply(answered.id));
    expect(second).toMatchObject({ status: 422, code: "window_closed", details: { reason: "ALREADY_REPLIED" } });
    const expired = await rejection(privateReply(old.id));
    expect(expired).toMatchObject({ status: 422, details: { reason: "EXPIRED" } });
    expect(expired.message).toMatch(/7 days/);
    const ownRefused = await rejection(privateReply(own.id));
    expect(ownRefused).toMatchObject({ status: 422, details: { reason: "OWN_COMMENT" } });

    expect(await h.sendLog()).toHaveLength(0);
    const requestsAfter = await h.sim.control<{ data: unknown[] }>("GET", "/requests?limit=100000");
    expect(requestsAfter.data.length).toBe(requestsBefore.data.length);
    const blocked = await db.auditEvent.count({ where: { accountId: h.accountId, type: "private_reply.blocked" } });
    expect(blocked).toBeGreaterThanOrEqual(3);
  });

  it("7 days minus our 5-minute margin: allowed a minute before, refused a minute after", async () => {
    const inside = await comment(h.instagram, 7 * 24 - 6 / 60);
    const outside = await comment(h.instagram, 7 * 24 - 4 / 60);
    expect((await privateReply(inside.id)).message.sendStatus).toBe("SENT");
    expect(await rejection(privateReply(outside.id))).toMatchObject({ details: { reason: "EXPIRED" } });
  });

  it("concurrent double submits (different keys) make exactly one private reply at Meta", async () => {
    const c = await comment(h.messenger, 3);
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => privateReply(c.id)));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ status: 422 });
    expect(await db.message.count({ where: { privateReplyCommentId: c.id } })).toBe(1);
    const log = await h.sendLog();
    expect(log.filter((e) => (e.request.recipient as { comment_id?: string }).comment_id === c.metaCommentId && e.status === 200)).toHaveLength(1);
  });

  it("the same key replays (200, Meta not called again); the same key with another text is a 409", async () => {
    const c = await comment(h.messenger, 4);
    const k = key();
    const first = await privateReply(c.id, "Shipping is free.", k);
    const again = await privateReply(c.id, "Shipping is free.", k);
    expect(again).toMatchObject({ status: 200, message: { id: first.message.id } });
    expect(await rejection(privateReply(c.id, "Something else", k))).toMatchObject({ status: 409 });
    expect(await h.sendLog()).toHaveLength(1);
  });

  it("Meta's refusal that slips through (the simulator already answered it) is shown in the agent's words", async () => {
    const c = await comment(h.messenger, 5);
    // Someone answered privately from Business Suite meanwhile: Meta refuses a second private reply (10900).
    await fetch(`${h.sim.url}/v24.0/${h.messenger.pageMetaId}/messages?access_token=${await token(h.messenger)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ recipient: { comment_id: c.metaCommentId }, message: { text: "From Business Suite" } }),
    });
    const { message } = await privateReply(c.id);
    expect(message).toMatchObject({ sendStatus: "FAILED", error: expect.objectContaining({ key: "private_reply_refused", code: 10900 }) });
  });
});

describe("public replies", () => {
  it("answers on the comment at Meta once per key, and lists the reply under the comment", async () => {
    const c = await comment(h.instagram, 2);
    const k = key();
    const { status, reply } = await sendPublicReply({ agent: h.agent, commentId: c.id, idempotencyKey: k, text: "Shipping is free over 50 €!" });
    expect(status).toBe(201);
    expect(reply).toMatchObject({ status: "SENT", text: "Shipping is free over 50 €!" });
    const atMeta = await h.sim.control<{ id: string; parentId: string; fromPage: boolean }>("GET", `/comments/${(await db.comment.findUniqueOrThrow({ where: { id: reply.id } })).metaCommentId}`);
    expect(atMeta).toMatchObject({ parentId: c.metaCommentId, fromPage: true });
    const replay = await sendPublicReply({ agent: h.agent, commentId: c.id, idempotencyKey: k, text: "Shipping is free over 50 €!" });
    expect(replay).toMatchObject({ status: 200, reply: { id: reply.id } });
    const { comments } = await listComments({ agent: h.agent, status: "resolved" });
    expect(comments.find((x) => x.id === c.id)!.publicReplies).toEqual([expect.objectContaining({ id: reply.id, status: "SENT" })]);
    await changeCommentStatus({ agent: h.agent, commentId: c.id, status: "open" });
    const open = await listComments({ agent: h.agent, status: "open" });
    expect(open.comments.map((x) => x.id)).toContain(c.id);
  });
});

describe("hide, like, delete", () => {
  type SimComment = { hidden: boolean; deleted: boolean; likedByPage?: boolean };
  const atMeta = (c: { metaCommentId: string | null }) => h.sim.control<SimComment>("GET", `/comments/${c.metaCommentId}`);
  const requestCount = async () => (await h.sim.control<{ data: unknown[] }>("GET", "/requests?limit=100000")).data.length;

  it("hides and unhides at Meta, then here, audited; a second hide is a no-op", async () => {
    const c = await comment(h.instagram, 1);
    expect(await moderateComment({ agent: h.agent, commentId: c.id, action: "hide" })).toMatchObject({ hidden: true, removed: false });
    expect(await atMeta(c)).toMatchObject({ hidden: true });
    expect(await db.comment.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ hidden: true });
    const before = await requestCount();
    await moderateComment({ agent: h.agent, commentId: c.id, action: "hide" });
    expect(await requestCount()).toBe(before);
    await moderateComment({ agent: h.agent, commentId: c.id, action: "unhide" });
    expect(await atMeta(c)).toMatchObject({ hidden: false });
    const audit = await db.auditEvent.findMany({ where: { accountId: h.accountId, type: { in: ["comment.hidden", "comment.unhidden"] } }, orderBy: { createdAt: "asc" } });
    expect(audit.filter((e) => (e.data as { commentId: string }).commentId === c.id).map((e) => e.type)).toEqual(["comment.hidden", "comment.unhidden"]);
    const { comments } = await listComments({ agent: h.agent, status: "open" });
    expect(comments.find((x) => x.id === c.id)).toMatchObject({ hidden: false, moderation: { hide: true, like: false, delete: true } });
  });

  it("likes a Page comment; Instagram likes and hiding the Page's own comment are refused before Meta", async () => {
    const c = await comment(h.messenger, 1);
    expect(await moderateComment({ agent: h.agent, commentId: c.id, action: "like" })).toMatchObject({ likedByPage: true });
    expect(await atMeta(c)).toMatchObject({ likedByPage: true });
    const { comments } = await listComments({ agent: h.agent, status: "open" });
    expect(comments.find((x) => x.id === c.id)).toMatchObject({ likedByPage: true, moderation: { hide: true, like: true, delete: true } });
    await moderateComment({ agent: h.agent, commentId: c.id, action: "unlike" });
    expect(await atMeta(c)).toMatchObject({ likedByPage: false });

    const insta = await comment(h.instagram, 1);
    const own = await comment(h.messenger, 0, { fromPage: true });
    const before = await requestCount();
    expect(await rejection(moderateComment({ agent: h.agent, commentId: insta.id, action: "like" }))).toMatchObject({ status: 400 });
    expect(await rejection(moderateComment({ agent: h.agent, commentId: own.id, action: "hide" }))).toMatchObject({ status: 400 });
    expect(await requestCount()).toBe(before);
    expect(await db.comment.findUniqueOrThrow({ where: { id: insta.id } })).toMatchObject({ likedByPage: false });
  });

  it("deletes at Meta: gone from the list, no private reply afterwards; Meta's refusal changes nothing here", async () => {
    const c = await comment(h.messenger, 1);
    expect(await moderateComment({ agent: h.agent, commentId: c.id, action: "delete" })).toMatchObject({ removed: true });
    expect(await atMeta(c)).toMatchObject({ deleted: true });
    expect((await listComments({ agent: h.agent, status: "open" })).comments.map((x) => x.id)).not.toContain(c.id);
    expect(await rejection(moderateComment({ agent: h.agent, commentId: c.id, action: "delete" }))).toMatchObject({ status: 400 });
    expect(await rejection(privateReply(c.id))).toMatchObject({ status: 422, details: { reason: "REMOVED" } });

    // Removed at Meta by the person before our webhook arrived: Meta refuses the hide, we keep our state.
    const gone = await comment(h.messenger, 1);
    await fetch(`${h.sim.url}/v24.0/${gone.metaCommentId}?access_token=${await token(h.messenger)}`, { method: "DELETE" });
    const refused = await rejection(moderateComment({ agent: h.agent, commentId: gone.id, action: "hide" }));
    expect(refused).toMatchObject({ status: 502, code: "meta_error" });
    expect(await db.comment.findUniqueOrThrow({ where: { id: gone.id } })).toMatchObject({ hidden: false, deletedAt: null });
    expect(await db.auditEvent.count({ where: { accountId: h.accountId, type: "comment.hidden", data: { path: ["commentId"], equals: gone.id } } })).toBe(0);
  });
});

describe("comment text by Meta's time", () => {
  const channelOf = (c: HarnessChannel) => ({ id: c.id, accountId: c.accountId, platform: c.platform, metaId: c.metaId, pageMetaId: c.pageMetaId });
  const change = (verb: "add" | "edited", text: string, at: Date) => ({
    verb,
    commentId: "c_same_second",
    postId: "p_same_second",
    parentId: null,
    authorId: "person_1",
    authorName: "Nora Quinn",
    authorUsername: null,
    text,
    createdAt: null,
    at,
    isLive: false,
    post: { permalink: null, adId: null, adTitle: null, mediaProductType: null },
  });
  const apply = (changes: ReturnType<typeof change>[]) => db.$transaction((tx) => applyCommentChanges(tx, channelOf(h.messenger), changes, new RealtimeBatch()));
  const text = async () => (await db.comment.findFirstOrThrow({ where: { channelId: h.messenger.id, metaCommentId: "c_same_second" } })).text;

  it("Meta's whole seconds: of two edits in one second the later applied wins; the add of that second never undoes an edit; an older edit never does", async () => {
    const second = new Date("2026-12-06T10:00:00Z");
    await apply([change("add", "Is this in stock?", second)]);
    await apply([change("edited", "Is this in stock in large?", second)]);
    expect(await text()).toBe("Is this in stock in large?");
    await apply([change("edited", "Is this in stock in large? (blue)", second)]);
    expect(await text()).toBe("Is this in stock in large? (blue)");
    await apply([change("add", "Is this in stock?", second)]);
    expect(await text()).toBe("Is this in stock in large? (blue)");
    await apply([change("edited", "an older edit", new Date(second.getTime() - 1000))]);
    expect(await text()).toBe("Is this in stock in large? (blue)");
  });
});
