// Saved replies: managers write them (routes refuse agents), agents read those of their channels, and the
// send API records — from its own rendering, never the browser's word — whether a saved reply was sent
// unchanged, which review finds among HUMAN_AGENT replies.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PATCH as patchRoute, DELETE as deleteRoute } from "@/app/api/saved-replies/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/saved-replies/route";
import { db } from "@/lib/db";
import { listReviewConversations } from "@/lib/review/list-review-conversations";
import { sendAgentMessage } from "@/lib/send/send-agent-message";
import { reviewListQuerySchema } from "@/lib/validations/review";
import { asSession, createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";
import { sessionCookie } from "@/scripts/testing/session-cookie";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { renderSavedReply } from "./render-saved-reply";

// The harness sets the app's configuration (read once), so it starts before any test.
let h: SendHarness;
beforeAll(async () => {
  h = await startSendHarness();
});
afterAll(async () => {
  await h?.close();
});

const BASE = "http://inbox.test/api/saved-replies";
const json = (cookie: string, method: string, body?: unknown) =>
  new NextRequest(BASE, { method, headers: { cookie, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const noParams = { params: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

async function team() {
  const account = await createAccount();
  const [web, shop] = [await createChannel(account.id, { name: "Web" }), await createChannel(account.id, { name: "Shop" })];
  const manager = await createTestAgent(account.id, "MANAGER");
  const agent = await createTestAgent(account.id, "AGENT");
  await db.pageMembership.create({ data: { agentId: agent.id, channelId: web.id } });
  return { account, web, shop, manager, agent, managerCookie: (await sessionCookie(manager)).cookie, agentCookie: (await sessionCookie(agent)).cookie };
}

describe("saved replies API", () => {
  it("managers create, edit and delete; agents read the account-wide ones and their channels'; every change audited", async () => {
    const t = await team();
    const created = await createRoute(json(t.managerCookie, "POST", { name: "Refund", shortcut: " Refund ", text: "Hi {{contact.first_name|there}}, your refund is on its way." }), noParams);
    expect(created.status).toBe(201);
    const refund = ((await created.json()) as { savedReply: { id: string; shortcut: string; channelIds: string[] } }).savedReply;
    expect(refund).toMatchObject({ shortcut: "refund", channelIds: [] });
    const shopOnly = await createRoute(json(t.managerCookie, "POST", { name: "Shop hours", shortcut: "hours", text: "9–18", channelIds: [t.shop.id] }), noParams);
    expect(shopOnly.status).toBe(201);
    const webOnly = await createRoute(json(t.managerCookie, "POST", { name: "Web hours", shortcut: "web", text: "24/7", channelIds: [t.web.id] }), noParams);
    expect(webOnly.status).toBe(201);

    const seenBy = async (cookie: string) =>
      ((await (await listRoute(json(cookie, "GET"), noParams)).json()) as { savedReplies: { shortcut: string }[] }).savedReplies.map((r) => r.shortcut);
    expect(await seenBy(t.managerCookie)).toEqual(["hours", "refund", "web"]);
    expect(await seenBy(t.agentCookie)).toEqual(["refund", "web"]);

    const patched = await patchRoute(json(t.managerCookie, "PATCH", { text: "Hello {{agent.first_name}}", channelIds: [t.shop.id] }), idParams(refund.id));
    expect(patched.status).toBe(200);
    expect(await seenBy(t.agentCookie)).toEqual(["web"]);
    expect((await deleteRoute(json(t.managerCookie, "DELETE"), idParams(refund.id))).status).toBe(204);
    expect(await seenBy(t.managerCookie)).toEqual(["hours", "web"]);

    const audit = await db.auditEvent.findMany({ where: { accountId: t.account.id }, orderBy: { createdAt: "asc" }, select: { type: true, actorId: true } });
    expect(audit.map((a) => a.type)).toEqual(["saved_reply.created", "saved_reply.created", "saved_reply.created", "saved_reply.updated", "saved_reply.deleted"]);
    expect(audit.every((a) => a.actorId === t.manager.id)).toBe(true);
  });

  it("agents may not write (403), nothing changes", async () => {
    const t = await team();
    const before = await db.savedReply.count({ where: { accountId: t.account.id } });
    expect((await createRoute(json(t.agentCookie, "POST", { name: "x", shortcut: "x", text: "x" }), noParams)).status).toBe(403);
    const reply = await db.savedReply.create({ data: { accountId: t.account.id, name: "n", shortcut: "n", text: "t" } });
    expect((await patchRoute(json(t.agentCookie, "PATCH", { text: "changed" }), idParams(reply.id))).status).toBe(403);
    expect((await deleteRoute(json(t.agentCookie, "DELETE"), idParams(reply.id))).status).toBe(403);
    expect(await db.savedReply.findUniqueOrThrow({ where: { id: reply.id } })).toMatchObject({ text: "t" });
    expect(await db.savedReply.count({ where: { accountId: t.account.id } })).toBe(before + 1);
  });

  it("bad input is a 400 naming the field; a taken shortcut a 409; another account's reply or channel is not found / refused", async () => {
    const t = await team();
    const other = await team();
    const create = (body: unknown) => createRoute(json(t.managerCookie, "POST", body), noParams);
    const fieldsOf = async (response: Response) => Object.keys(((await response.json()) as { error: { details: { fields: object } } }).error.details.fields);
    let response = await create({ name: "", shortcut: "has space", text: "Order {{order.id}}" });
    expect(response.status).toBe(400);
    expect(await fieldsOf(response)).toEqual(["name", "shortcut", "text"]);
    expect((await create({ name: "A", shortcut: "a", text: "t" })).status).toBe(201);
    response = await create({ name: "B", shortcut: "A", text: "t" });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { error: { details: object } }).error.details).toEqual({ field: "shortcut" });
    expect((await create({ name: "C", shortcut: "c", text: "t", channelIds: [other.web.id] })).status).toBe(400);
    const theirs = await db.savedReply.create({ data: { accountId: other.account.id, name: "n", shortcut: "n", text: "t" } });
    expect((await patchRoute(json(t.managerCookie, "PATCH", { text: "mine now" }), idParams(theirs.id))).status).toBe(404);
    expect((await deleteRoute(json(t.managerCookie, "DELETE"), idParams(theirs.id))).status).toBe(404);
    expect(await db.savedReply.count({ where: { accountId: t.account.id } })).toBe(1);
  });
});

describe("sending a saved reply", () => {
  it("records the saved reply and whether the agent changed it; review finds HUMAN_AGENT replies sent unedited", async () => {
    const reply = await db.savedReply.create({
      data: { accountId: h.accountId, name: "Sorry for the wait", shortcut: `wait${Date.now()}`, text: "Hi {{contact.first_name|there}}, {{agent.first_name}} here: sorry for the wait." },
    });
    const unedited = await h.conversation(h.messenger, { hours: 30 });
    const edited = await h.conversation(h.messenger, { hours: 30 });
    const inside = await h.conversation(h.messenger, { hours: 2 });
    const rendered = async (conversationId: string) => {
      const { contact } = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { contact: { select: { name: true } } } });
      return renderSavedReply(reply.text, { contact, agent: { name: h.agent.name } });
    };
    const send = (conversationId: string, text: string) =>
      sendAgentMessage({ agent: h.agent, conversationId, idempotencyKey: crypto.randomUUID(), input: { text, savedReplyId: reply.id } });

    const a = await send(unedited.id, `  ${await rendered(unedited.id)}\n`);
    const b = await send(edited.id, `${await rendered(edited.id)} Your parcel left today.`);
    const c = await send(inside.id, await rendered(inside.id));
    expect([a, b, c].map((r) => [r.message.sendStatus, r.message.tag])).toEqual([
      ["SENT", "HUMAN_AGENT"],
      ["SENT", "HUMAN_AGENT"],
      ["SENT", null],
    ]);
    const stored = await db.message.findMany({
      where: { id: { in: [a.message.id, b.message.id, c.message.id] } },
      select: { id: true, savedReplyId: true, savedReplyEdited: true },
    });
    expect(Object.fromEntries(stored.map((m) => [m.id, [m.savedReplyId, m.savedReplyEdited]]))).toEqual({
      [a.message.id]: [reply.id, false],
      [b.message.id]: [reply.id, true],
      [c.message.id]: [reply.id, false],
    });
    const allowed = await db.auditEvent.findFirstOrThrow({ where: { conversationId: edited.id, type: "send.allowed" } });
    expect((allowed.data as { savedReply: unknown }).savedReply).toEqual({ id: reply.id, name: reply.name, shortcut: reply.shortcut, edited: true });

    // Only the HUMAN_AGENT reply sent as saved is the compliance problem (inside 24 h a saved reply is fine).
    const manager = asSession(await createTestAgent(h.accountId, "MANAGER"));
    const review = (flag: string) =>
      listReviewConversations({ agent: manager, query: reviewListQuerySchema.parse({ savedReplyUnedited: flag, limit: "100" }), timeZone: "UTC", now: new Date() });
    const flagged = await review("1");
    expect(flagged.conversations.map((r) => r.id)).toEqual([unedited.id]);
    expect(flagged.conversations[0]!.counts.uneditedSavedReplies).toBe(1);
    const notFlagged = (await review("0")).conversations.map((r) => r.id);
    expect(notFlagged).toEqual(expect.arrayContaining([edited.id, inside.id]));
    expect(notFlagged).not.toContain(unedited.id);
  });

  it("a saved reply the agent may not use here is a 400 and nothing is sent", async () => {
    const otherChannel = await createChannel(h.accountId);
    const elsewhere = await db.savedReply.create({
      data: { accountId: h.accountId, name: "Elsewhere", shortcut: `else${Date.now()}`, text: "t", channels: { create: { channelId: otherChannel.id } } },
    });
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    await h.clearSendLog();
    for (const savedReplyId of [elsewhere.id, crypto.randomUUID()]) {
      await expect(
        sendAgentMessage({ agent: h.agent, conversationId: conversation.id, idempotencyKey: crypto.randomUUID(), input: { text: "t", savedReplyId } }),
      ).rejects.toMatchObject({ code: "invalid_request", details: { fields: { savedReplyId: [expect.any(String)] } } });
    }
    expect(await h.sendLog()).toEqual([]);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
  });
});
