// Labels and bulk actions: managers keep the account's labels, any agent labels the conversations they see;
// the list filters by label; a bulk action changes each conversation through its own command (audited and
// published one by one) and one the agent may not touch fails alone.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute, PATCH as patchRoute } from "@/app/api/labels/[id]/route";
import { GET as listRoute, POST as createRoute } from "@/app/api/labels/route";
import { POST as bulkRoute } from "@/app/api/conversations/bulk/route";
import { PUT as setLabelsRoute } from "@/app/api/conversations/[id]/labels/route";
import { listConversations } from "@/lib/conversations/list-conversations";
import { listenRealtime } from "@/lib/conversations/listen-realtime.test-support";
import { db } from "@/lib/db";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
import { sessionCookie } from "@/scripts/testing/session-cookie";
import { randomBytes } from "node:crypto";

beforeAll(() => {
  // Route handlers read the configuration (session cookies are signed with AUTH_SECRET).
  Object.assign(process.env, {
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    META_APP_ID: process.env.META_APP_ID ?? "1517776481860111",
    META_APP_SECRET: process.env.META_APP_SECRET ?? "labels-test-secret",
    META_VERIFY_TOKEN: process.env.META_VERIFY_TOKEN ?? "labels-test-verify",
  });
});

const request = (url: string, cookie: string, method: string, body?: unknown) =>
  new NextRequest(`http://inbox.test${url}`, { method, headers: { cookie, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const params = <P,>(p: P) => ({ params: Promise.resolve(p) });
const body = async <T,>(response: Response) => (await response.json()) as T;

async function team() {
  const account = await createAccount();
  const web = await createChannel(account.id, { name: "Web" });
  const shop = await createChannel(account.id, { name: "Shop" });
  const managerRow = await createTestAgent(account.id, "MANAGER");
  const agentRow = await createTestAgent(account.id, "AGENT");
  await db.pageMembership.create({ data: { agentId: agentRow.id, channelId: web.id } });
  return {
    account,
    web,
    shop,
    manager: asSession(managerRow),
    agent: asSession(agentRow),
    managerCookie: (await sessionCookie(managerRow)).cookie,
    agentCookie: (await sessionCookie(agentRow)).cookie,
  };
}

describe("labels", () => {
  it("managers create, recolour and delete labels; agents list them but may not write; names are unique per account", async () => {
    const t = await team();
    const created = await createRoute(request("/api/labels", t.managerCookie, "POST", { name: " VIP ", color: "amber" }), params({}));
    expect(created.status).toBe(201);
    const { label } = await body<{ label: { id: string; name: string; color: string } }>(created);
    expect(label).toMatchObject({ name: "VIP", color: "amber" });
    expect((await createRoute(request("/api/labels", t.managerCookie, "POST", { name: "VIP", color: "red" }), params({}))).status).toBe(409);
    expect((await createRoute(request("/api/labels", t.managerCookie, "POST", { name: "Refund", color: "purple-ish" }), params({}))).status).toBe(400);
    expect((await createRoute(request("/api/labels", t.agentCookie, "POST", { name: "Mine", color: "red" }), params({}))).status).toBe(403);
    expect((await patchRoute(request(`/api/labels/${label.id}`, t.agentCookie, "PATCH", { color: "red" }), params({ id: label.id }))).status).toBe(403);
    expect((await patchRoute(request(`/api/labels/${label.id}`, t.managerCookie, "PATCH", { color: "red" }), params({ id: label.id }))).status).toBe(200);
    const listed = await body<{ labels: { name: string; color: string }[] }>(await listRoute(request("/api/labels", t.agentCookie, "GET"), params({})));
    expect(listed.labels).toEqual([{ id: label.id, name: "VIP", color: "red" }]);
    expect((await deleteRoute(request(`/api/labels/${label.id}`, t.managerCookie, "DELETE"), params({ id: label.id }))).status).toBe(204);
    expect(await db.label.count({ where: { accountId: t.account.id } })).toBe(0);
    const audit = await db.auditEvent.findMany({ where: { accountId: t.account.id }, orderBy: { createdAt: "asc" }, select: { type: true } });
    expect(audit.map((a) => a.type)).toEqual(["label.created", "label.updated", "label.deleted"]);
  });

  it("an agent sets a conversation's labels (audited, published, shown on its row); the list filters by label", async () => {
    const t = await team();
    const [vip, refund] = await Promise.all([
      db.label.create({ data: { accountId: t.account.id, name: "VIP", color: "amber" } }),
      db.label.create({ data: { accountId: t.account.id, name: "Refund", color: "red" } }),
    ]);
    const [a, b] = [await createConversation(t.web), await createConversation(t.web)];
    const listener = await listenRealtime();
    try {
      const response = await setLabelsRoute(request(`/api/conversations/${a.id}/labels`, t.agentCookie, "PUT", { labelIds: [vip.id, refund.id] }), params({ id: a.id }));
      expect(response.status).toBe(200);
      expect(await body(response)).toEqual({ labelIds: [vip.id, refund.id].sort() });
      // The same set again changes nothing: no audit, no event.
      await setLabelsRoute(request(`/api/conversations/${a.id}/labels`, t.agentCookie, "PUT", { labelIds: [refund.id, vip.id] }), params({ id: a.id }));
      await setLabelsRoute(request(`/api/conversations/${a.id}/labels`, t.agentCookie, "PUT", { labelIds: [vip.id] }), params({ id: a.id }));
      await listener.settle();
      expect(listener.received.filter((e) => e.type === "conversation.updated")).toHaveLength(2);
    } finally {
      await listener.close();
    }
    const audit = await db.auditEvent.findMany({ where: { conversationId: a.id }, orderBy: { createdAt: "asc" }, select: { type: true, data: true, actorId: true } });
    expect(audit).toEqual([
      { type: "conversation.labels_changed", actorId: t.agent.id, data: { added: [vip.id, refund.id].sort(), removed: [] } },
      { type: "conversation.labels_changed", actorId: t.agent.id, data: { added: [], removed: [refund.id] } },
    ]);
    const all = await listConversations(t.agent, { folder: "all", limit: 50 });
    expect(all.conversations.find((c) => c.id === a.id)?.labelIds).toEqual([vip.id]);
    expect(all.conversations.find((c) => c.id === b.id)?.labelIds).toEqual([]);
    expect((await listConversations(t.agent, { folder: "all", labelId: vip.id, limit: 50 })).conversations.map((c) => c.id)).toEqual([a.id]);
    expect((await listConversations(t.agent, { folder: "all", labelId: refund.id, limit: 50 })).conversations).toEqual([]);
  });

  it("another account's label is a 400 and changes nothing; a conversation outside the agent's channels a 404", async () => {
    const t = await team();
    const other = await team();
    const theirs = await db.label.create({ data: { accountId: other.account.id, name: "Theirs", color: "blue" } });
    const mine = await db.label.create({ data: { accountId: t.account.id, name: "Mine", color: "blue" } });
    const conversation = await createConversation(t.web);
    const shopConversation = await createConversation(t.shop);
    expect((await setLabelsRoute(request(`/api/conversations/${conversation.id}/labels`, t.agentCookie, "PUT", { labelIds: [mine.id, theirs.id] }), params({ id: conversation.id }))).status).toBe(400);
    expect((await setLabelsRoute(request(`/api/conversations/${shopConversation.id}/labels`, t.agentCookie, "PUT", { labelIds: [mine.id] }), params({ id: shopConversation.id }))).status).toBe(404);
    expect(await db.conversationLabel.count({ where: { conversationId: { in: [conversation.id, shopConversation.id] } } })).toBe(0);
  });
});

describe("bulk actions", () => {
  it("resolves three conversations, audited one by one; one outside the agent's channels fails alone", async () => {
    const t = await team();
    const mine = [await createConversation(t.web), await createConversation(t.web), await createConversation(t.web)];
    const elsewhere = await createConversation(t.shop);
    const response = await bulkRoute(
      request("/api/conversations/bulk", t.agentCookie, "POST", { conversationIds: [...mine.map((c) => c.id), elsewhere.id], action: { type: "status", change: { status: "RESOLVED" } } }),
      params({}),
    );
    expect(response.status).toBe(200);
    const { results } = await body<{ results: { conversationId: string; ok: boolean; error?: { code: string } }[] }>(response);
    expect(results.filter((r) => r.ok).map((r) => r.conversationId).sort()).toEqual(mine.map((c) => c.id).sort());
    expect(results.find((r) => r.conversationId === elsewhere.id)).toMatchObject({ ok: false, error: { code: "not_found" } });
    const states = await db.conversation.findMany({ where: { id: { in: [...mine, elsewhere].map((c) => c.id) } }, select: { id: true, status: true } });
    expect(Object.fromEntries(states.map((s) => [s.id, s.status]))).toEqual({
      ...Object.fromEntries(mine.map((c) => [c.id, "RESOLVED"])),
      [elsewhere.id]: "OPEN",
    });
    const audit = await db.auditEvent.groupBy({ by: ["conversationId"], where: { type: "conversation.status_changed", actorId: t.agent.id }, _count: true });
    expect(audit.map((a) => [a.conversationId, a._count]).sort()).toEqual(mine.map((c) => [c.id, 1]).sort());
  });

  it("assigns, labels and snoozes several at once; bad input is a 400 that changes nothing", async () => {
    const t = await team();
    const label = await db.label.create({ data: { accountId: t.account.id, name: "Follow-up", color: "teal" } });
    const ids = [(await createConversation(t.web)).id, (await createConversation(t.web)).id];
    const run = (action: unknown, conversationIds: unknown = ids) =>
      bulkRoute(request("/api/conversations/bulk", t.agentCookie, "POST", { conversationIds, action }), params({}));
    expect((await run({ type: "assign", assigneeId: t.agent.id })).status).toBe(200);
    expect((await run({ type: "label", add: [label.id] })).status).toBe(200);
    const until = new Date(Date.now() + 3_600_000 * 5).toISOString();
    expect((await run({ type: "status", change: { status: "SNOOZED", snoozedUntil: until } })).status).toBe(200);
    const rows = await db.conversation.findMany({ where: { id: { in: ids } }, select: { assigneeId: true, status: true, labels: { select: { labelId: true } } } });
    expect(rows).toEqual(ids.map(() => ({ assigneeId: t.agent.id, status: "SNOOZED", labels: [{ labelId: label.id }] })));

    for (const [action, conversationIds] of [
      [{ type: "delete" }, ids],
      [{ type: "status", change: { status: "RESOLVED" } }, []],
      [{ type: "status", change: { status: "RESOLVED" } }, Array.from({ length: 101 }, () => crypto.randomUUID())],
      [{ type: "status", change: { status: "RESOLVED" } }, ["not-an-id"]],
    ] as const) {
      expect((await run(action, conversationIds)).status).toBe(400);
    }
    expect((await db.conversation.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((r) => r.status)).toEqual(["SNOOZED", "SNOOZED"]);
  });
});
