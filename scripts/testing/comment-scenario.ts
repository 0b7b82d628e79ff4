// A week of comments whose report numbers and review timelines are worked out by hand in
// lib/reports/reports.int.test.ts and lib/review/review-comments.int.test.ts. Times are UTC; the account's zone
// is Europe/Berlin (UTC+1 in November). Private-reply deadline = comment + 7 d − 5 min.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createAccount, createChannel, createConversation, createTestAgent } from "./factories";

export const COMMENT_SCENARIO_NOW = new Date("2026-11-20T12:00:00Z");

type Channel = { id: string; accountId: string; metaId: string };

export async function seedCommentScenario() {
  const account = await createAccount();
  const page = await createChannel(account.id, { platform: "MESSENGER", name: "Outlet Page" });
  const insta = await createChannel(account.id, { platform: "INSTAGRAM", name: "outlet.insta" });
  const manager = await createTestAgent(account.id, "MANAGER");
  const alex = await db.agent.update({ where: { id: (await createTestAgent(account.id, "AGENT")).id }, data: { name: "Alex" } });
  const post = await db.socialPost.create({ data: { accountId: account.id, channelId: page.id, metaPostId: `${page.metaId}_${randomUUID().slice(0, 8)}`, caption: "Winter sale", lastActivityAt: COMMENT_SCENARIO_NOW, adId: "ad-1", adTitle: "Winter ad" } });
  const media = await db.socialPost.create({ data: { accountId: account.id, channelId: insta.id, metaPostId: `ig_${randomUUID().slice(0, 8)}`, caption: "New reel", lastActivityAt: COMMENT_SCENARIO_NOW, mediaProductType: "REELS" } });
  const postOf = (ch: Channel) => (ch.id === page.id ? post.id : media.id);

  const comment = (ch: Channel, at: string, text: string, extra: Partial<Prisma.CommentUncheckedCreateInput> = {}) =>
    db.comment.create({
      data: {
        accountId: account.id,
        channelId: ch.id,
        postId: postOf(ch),
        metaCommentId: `c_${randomUUID()}`,
        authorMetaId: `p_${randomUUID().slice(0, 8)}`,
        authorName: text.split(":")[0],
        text,
        metaCreatedAt: new Date(at),
        ...extra,
      },
    });
  /** A Page reply under `parent` (top level), from this app (with its comment.replied audit for `answers`) or another. */
  const pageReply = async (ch: Channel, parent: { metaCommentId: string | null }, at: string, options: { answers?: string; agentId?: string; status?: "SENT" | "PENDING" | "FAILED" } = {}) => {
    const reply = await comment(ch, at, "Page: thanks!", {
      byPage: true,
      authorMetaId: ch.metaId,
      parentMetaId: parent.metaCommentId,
      status: "RESOLVED",
      ...(options.agentId ? { agentId: options.agentId, idempotencyKey: randomUUID(), sendStatus: options.status ?? "SENT" } : {}),
      ...(options.status && options.status !== "SENT" ? { metaCommentId: null, errorMessage: options.status === "FAILED" ? "Meta refused it" : null } : {}),
    });
    if (options.answers) {
      await db.auditEvent.create({
        data: { accountId: account.id, actorId: options.agentId ?? null, type: "comment.replied", createdAt: new Date(at), data: { commentId: options.answers, replyId: reply.id, metaCommentId: reply.metaCommentId, status: options.status ?? "SENT" } },
      });
    }
    return reply;
  };
  const privateReply = async (ch: Channel, target: { id: string; metaCreatedAt: Date }, at: string, status: "SENT" | "FAILED") => {
    const conversation = await createConversation(ch, { hoursAgo: 500 });
    const messageId = randomUUID();
    await db.message.create({
      data: {
        id: messageId,
        accountId: account.id,
        channelId: ch.id,
        conversationId: conversation.id,
        direction: "OUTBOUND",
        senderKind: "AGENT",
        agentId: alex.id,
        text: "I sent you the details",
        sentAt: new Date(at),
        sendStatus: status,
        mid: status === "SENT" ? `m_${randomUUID()}` : null,
        ...(status === "FAILED" ? { errorCode: 10903, errorMessage: "Meta: this comment is too old to reply to privately." } : {}),
        privateReplyCommentId: target.id,
      },
    });
    const deadline = new Date(target.metaCreatedAt.getTime() + 7 * 86_400_000 - 300_000).toISOString();
    await db.auditEvent.create({
      data: {
        accountId: account.id,
        actorId: alex.id,
        conversationId: conversation.id,
        type: "private_reply.allowed",
        createdAt: new Date(at),
        data: { commentId: target.id, messageId, inputs: { commentCreatedAt: target.metaCreatedAt.toISOString(), byPage: false, privateReplySentAt: null, privateReplyPending: false, now: at }, decision: { allowed: true, reason: null, deadline } },
      },
    });
    return { conversationId: conversation.id, messageId };
  };
  const statusChange = (target: { id: string }, at: string, from: string, to: string) =>
    db.auditEvent.create({ data: { accountId: account.id, actorId: alex.id, type: "comment.status_changed", createdAt: new Date(at), data: { commentId: target.id, from, to } } });

  // In the week 2026-11-09..15 (Berlin):
  const a = await comment(page, "2026-11-10T09:00:00Z", "Ana: is this in stock?");
  await pageReply(page, a, "2026-11-10T09:30:00Z", { answers: a.id, agentId: alex.id }); // public, 30 min
  const l = await comment(page, "2026-11-10T09:40:00Z", "Lou: and in blue?", { parentMetaId: a.metaCommentId });
  await pageReply(page, a, "2026-11-10T10:00:00Z", { answers: l.id, agentId: alex.id }); // filed under A, answers L: 20 min
  const b = await comment(page, "2026-11-10T10:00:00Z", "Ben: price?");
  const bPrivate = await privateReply(page, b, "2026-11-10T12:00:00Z", "SENT"); // private, 2 h (first answer)
  await pageReply(page, b, "2026-11-10T13:00:00Z"); // public from another app (Meta Business Suite), later
  const c = await comment(page, "2026-11-11T08:00:00Z", "Cleo: shipping to Austria?");
  await privateReply(page, c, "2026-11-11T08:10:00Z", "FAILED"); // no answer
  await db.auditEvent.create({
    data: {
      accountId: account.id,
      actorId: alex.id,
      type: "private_reply.blocked",
      createdAt: new Date("2026-11-11T08:20:00Z"),
      data: { commentId: c.id, textLength: 12, inputs: { commentCreatedAt: c.metaCreatedAt.toISOString(), byPage: false, privateReplySentAt: null, privateReplyPending: true, now: "2026-11-11T08:20:00.000Z" }, decision: { allowed: false, reason: "REPLY_IN_PROGRESS", deadline: "2026-11-18T07:55:00.000Z" } },
    },
  });
  const j = await comment(insta, "2026-11-12T10:00:00Z", "Jo: 😍 link?");
  await pageReply(insta, j, "2026-11-12T10:05:00Z", { answers: j.id, agentId: alex.id, status: "PENDING" });
  await pageReply(insta, j, "2026-11-12T10:06:00Z", { answers: j.id, agentId: alex.id, status: "FAILED" });
  await comment(page, "2026-11-12T11:00:00Z", "Page: our own post comment", { byPage: true, authorMetaId: page.metaId }); // not a person's
  const o = await comment(page, "2026-11-14T10:00:00Z", "Olga: open on Sunday?"); // deadline 11-21: not expired yet
  // Before the week:
  const d = await comment(page, "2026-11-02T10:00:00Z", "Dan: anyone?"); // unanswered: expires 11-09 09:55
  const e = await comment(page, "2026-11-03T12:00:00Z", "Eva: size chart?");
  await pageReply(page, e, "2026-11-09T20:00:00Z", { answers: e.id, agentId: alex.id }); // 6 d 8 h, before its deadline
  const f = await comment(page, "2026-11-04T08:00:00Z", "Finn: spam", { deletedAt: new Date("2026-11-05T08:00:00Z") }); // removed before its deadline
  const g = await comment(page, "2026-11-05T09:00:00Z", "Gus: 👍");
  await statusChange(g, "2026-11-06T09:00:00Z", "OPEN", "RESOLVED"); // nothing to answer
  const hh = await comment(page, "2026-11-06T09:00:00Z", "Hana: hello?");
  await statusChange(hh, "2026-11-07T09:00:00Z", "OPEN", "RESOLVED");
  await statusChange(hh, "2026-11-08T09:00:00Z", "RESOLVED", "OPEN"); // reopened: expires 11-13 08:55
  const i = await comment(insta, "2026-11-07T10:00:00Z", "Ivy: price?"); // expires 11-14 09:55
  await comment(insta, "2026-11-05T10:00:00Z", "Nils: live question", { isLive: true }); // Live: no deadline we know

  return { account, page, insta, manager, alex, post, media, comments: { a, b, c, d, e, f, g, h: hh, i, j, l, o }, bPrivate };
}
