import { beforeAll, describe, expect, it } from "vitest";
import { assignConversation } from "@/lib/conversations/assign-conversation";
import { db } from "@/lib/db";
import { seedReviewScenario, type ReviewScenarioThreads } from "@/scripts/demo/review-scenario";
import { getReviewThread } from "@/lib/review/get-review-thread";
import { listAssignableAgents } from "@/lib/conversations/list-assignable-agents";
import { listReviewConversations } from "@/lib/review/list-review-conversations";
import { reviewListQuerySchema } from "@/lib/validations/review";
import { asSession, createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";

const TZ = "Europe/Berlin";
const NOW = new Date("2026-11-20T12:00:00Z");

async function seed() {
  const account = await createAccount();
  const messenger = await createChannel(account.id, { platform: "MESSENGER", name: "Outlet Messenger" });
  const instagram = await createChannel(account.id, { platform: "INSTAGRAM", name: "outlet.instagram" });
  const manager = await createTestAgent(account.id, "MANAGER");
  const alex = await createTestAgent(account.id, "AGENT");
  const sam = await createTestAgent(account.id, "AGENT");
  await db.pageMembership.createMany({
    data: [messenger, instagram].flatMap((c) => [alex, sam].map((a) => ({ agentId: a.id, channelId: c.id }))),
  });
  const threads = await seedReviewScenario({ timeZone: TZ, anchor: "2026-11-02", messenger, instagram, managerId: manager.id, alexId: alex.id, samId: sam.id, now: NOW });
  return { account, messenger, instagram, manager: asSession(manager), alex: asSession(alex), sam, threads };
}

describe("review", () => {
  let s: Awaited<ReturnType<typeof seed>>;
  let t: ReviewScenarioThreads;
  beforeAll(async () => {
    s = await seed();
    t = s.threads;
    await seed(); // another tenant with the same story
  });

  async function names(params: Record<string, string>) {
    const query = reviewListQuerySchema.parse({ limit: "100", ...params });
    const { conversations } = await listReviewConversations({ agent: s.manager, query, timeZone: TZ, now: NOW });
    const byId = new Map(Object.entries(t).filter(([, v]) => v).map(([k, v]) => [v!.id, k]));
    return conversations.map((c) => byId.get(c.id) ?? `foreign ${c.id}`).sort();
  }

  const WEEK = { from: "2026-11-02", to: "2026-11-08" };

  it("lists every conversation of the account, and only of this account", async () => {
    expect(await names({})).toEqual(["ana", "jonas", "late", "lea", "mateo", "noah", "priya", "samuel", "yuki"]);
    // Samuel's only message is on D-7 but Sam's blocked attempt is on D0; Late Larry is on D7.
    expect(await names(WEEK)).toEqual(["ana", "jonas", "lea", "mateo", "noah", "priya", "samuel", "yuki"]);
    expect(await names({ from: "2026-11-09", to: "2026-11-09" })).toEqual(["late"]);
  });

  it("filters on window lapses by their deadline, with the report's definition", async () => {
    expect(await names({ ...WEEK, windowMissed: "24h" })).toEqual(["mateo", "yuki"]);
    expect(await names({ windowMissed: "24h" })).toEqual(["mateo", "samuel", "yuki"]);
    // Samuel's message is outside the week, but its 7-day window lapsed inside it.
    expect(await names({ ...WEEK, windowMissed: "7d" })).toEqual(["samuel"]);
    expect(await names({ windowMissed: "7d" })).toEqual(["mateo", "samuel"]);
  });

  it("filters on HUMAN_AGENT replies, blocked attempts, failed sends, status, platform, channel and agent", async () => {
    expect(await names({ humanAgent: "1" })).toEqual(["yuki"]);
    expect((await names({ humanAgent: "0" })).includes("yuki")).toBe(false);
    expect(await names({ blocked: "1" })).toEqual(["samuel"]);
    expect(await names({ ...WEEK, blocked: "1" })).toEqual(["samuel"]);
    expect(await names({ from: "2026-11-03", to: "2026-11-08", blocked: "1" })).toEqual([]);
    expect(await names({ failed: "true" })).toEqual(["priya"]);
    expect(await names({ status: "RESOLVED" })).toEqual(["ana", "jonas", "lea"]);
    expect(await names({ platform: "INSTAGRAM" })).toEqual(["lea", "mateo", "yuki"]);
    expect(await names({ channelId: s.messenger.id, status: "OPEN" })).toEqual(["late", "noah", "priya", "samuel"]);
    expect(await names({ agentId: s.sam.id })).toEqual(["jonas", "lea", "samuel"]);
    expect(await names({ agentId: s.alex.id, from: "2026-11-05", to: "2026-11-05" })).toEqual(["priya", "yuki"]);
  });

  it("filters by a label the conversation carries now; another account's label matches nothing", async () => {
    const vip = await db.label.create({ data: { accountId: s.account.id, name: "VIP", color: "amber" } });
    const refund = await db.label.create({ data: { accountId: s.account.id, name: "Refund", color: "red" } });
    const foreignAccount = await createAccount();
    const foreign = await db.label.create({ data: { accountId: foreignAccount.id, name: "VIP", color: "amber" } });
    await db.conversationLabel.createMany({
      data: [
        { conversationId: t.ana.id, labelId: vip.id },
        { conversationId: t.yuki.id, labelId: vip.id },
        { conversationId: t.yuki.id, labelId: refund.id },
        // A label of another account attached by mistake must not leak through the filter.
        { conversationId: t.noah.id, labelId: foreign.id },
      ],
    });
    expect(await names({ label: vip.id })).toEqual(["ana", "yuki"]);
    expect(await names({ label: refund.id, platform: "INSTAGRAM" })).toEqual(["yuki"]);
    expect(await names({ label: vip.id, status: "RESOLVED" })).toEqual(["ana"]);
    expect(await names({ label: foreign.id })).toEqual([]);
    expect(reviewListQuerySchema.safeParse({ label: "vip" }).success).toBe(false);
  });

  it("pages with a keyset cursor without gaps or repeats, and refuses a forged cursor", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = reviewListQuerySchema.parse({ limit: "2", ...(cursor ? { cursor } : {}) });
      const page = await listReviewConversations({ agent: s.manager, query, timeZone: TZ, now: NOW });
      seen.push(...page.conversations.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(9);
    const forged = reviewListQuerySchema.parse({ cursor: "bm90LWEtY3Vyc29y" });
    await expect(listReviewConversations({ agent: s.manager, query: forged, timeZone: TZ, now: NOW })).rejects.toMatchObject({ code: "invalid_request" });
  });

  it("counts the badges of each row with the same definitions", async () => {
    const { conversations } = await listReviewConversations({ agent: s.manager, query: reviewListQuerySchema.parse({ limit: "100" }), timeZone: TZ, now: NOW });
    const counts = (id: string) => conversations.find((c) => c.id === id)?.counts;
    expect(counts(t.yuki.id)).toEqual({ humanAgentReplies: 1, windowsMissed24h: 1, windowsMissed7d: 0, blockedAttempts: 0, failedSends: 0, uneditedSavedReplies: 0 });
    expect(counts(t.samuel.id)).toEqual({ humanAgentReplies: 0, windowsMissed24h: 1, windowsMissed7d: 1, blockedAttempts: 1, failedSends: 0, uneditedSavedReplies: 0 });
    expect(counts(t.priya.id)).toEqual({ humanAgentReplies: 0, windowsMissed24h: 0, windowsMissed7d: 0, blockedAttempts: 0, failedSends: 1, uneditedSavedReplies: 0 });
  });

  it("is refused to agents", async () => {
    const query = reviewListQuerySchema.parse({});
    await expect(listReviewConversations({ agent: s.alex, query, timeZone: TZ, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(getReviewThread({ agent: s.alex, conversationId: t.yuki.id, now: NOW })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("shows the whole thread: assignment, messages with type, tag and hours, the note, and the lapse", async () => {
    const thread = await getReviewThread({ agent: s.manager, conversationId: t.yuki.id, now: NOW });
    expect(thread.conversation).toMatchObject({ contactName: "Yuki Tanaka", channel: { platform: "INSTAGRAM" }, windowStage: "CLOSED" });
    expect(thread.entries.map((e) => e.kind)).toEqual(["assigned", "message", "note", "lapse", "message"]);
    const [assigned, , note, lapse, reply] = thread.entries;
    expect(assigned).toMatchObject({ actorName: s.manager.name, toName: s.alex.name });
    expect(note).toMatchObject({ authorName: s.alex.name, body: expect.stringContaining("warehouse") });
    expect(lapse).toMatchObject({ window: "24h", at: "2026-11-05T12:55:00.000Z", openedAt: "2026-11-04T13:00:00.000Z" });
    expect(reply).toMatchObject({
      senderName: s.alex.name,
      message: { messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT", hoursSinceInbound: 25, sendStatus: "SENT" },
      decision: { reason: "HUMAN_AGENT_WINDOW", deadline: "2026-11-11T12:55:00.000Z" },
    });
  });

  it("shows a blocked attempt with its reason and deadline, and a Meta failure in agent language", async () => {
    const samuel = await getReviewThread({ agent: s.manager, conversationId: t.samuel.id, now: NOW });
    expect(samuel.entries.map((e) => e.kind)).toEqual(["assigned", "message", "lapse", "lapse", "blocked"]);
    expect(samuel.entries[4]).toMatchObject({ reason: "WINDOW_CLOSED", title: "Reply window closed", deadline: "2026-11-02T10:55:00.000Z", actorName: s.sam.name });
    const priya = await getReviewThread({ agent: s.manager, conversationId: t.priya.id, now: NOW });
    const failed = priya.entries.find((e) => e.kind === "message" && e.message.sendStatus === "FAILED");
    expect(failed).toMatchObject({ message: { error: { code: 551, fbtraceId: "AbCdEfReview551" } }, failures: [{ final: true, fbtraceId: "AbCdEfReview551" }] });
    expect(failed?.kind === "message" && failed.message.error?.message).toMatch(/can't receive messages/);
  });

  it("does not show another account's conversation", async () => {
    const other = await seed();
    await expect(getReviewThread({ agent: s.manager, conversationId: other.threads.ana.id, now: NOW })).rejects.toMatchObject({ code: "not_found" });
  });

  it("offers assignees who may work the channel, and reassigning is audited in the timeline", async () => {
    const outsider = await createTestAgent(s.account.id, "AGENT");
    const choices = (await listAssignableAgents({ agent: s.manager, conversationId: t.mateo.id })).map((a) => a.id);
    expect(choices).toEqual(expect.arrayContaining([s.manager.id, s.alex.id, s.sam.id]));
    expect(choices).not.toContain(outsider.id);
    await assignConversation({ actor: s.manager, conversationId: t.mateo.id, assigneeId: s.sam.id });
    const thread = await getReviewThread({ agent: s.manager, conversationId: t.mateo.id, now: new Date() });
    expect(thread.conversation.assignee?.id).toBe(s.sam.id);
    expect(thread.entries.at(-1)).toMatchObject({ kind: "assigned", actorName: s.manager.name, fromName: null, toName: s.sam.name });
  });
});

