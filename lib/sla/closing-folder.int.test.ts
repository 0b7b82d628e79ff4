// "Before closing" against Postgres: the list SQL, the unread counts and the browser's rule
// (conversationInFolder) agree, in the folder's order; and the thread detail carries the SLA clock's inputs.
import { describe, expect, it } from "vitest";
import { calendarOf } from "@/lib/business-hours/business-hours-view";
import { closingBeforeOf, slaStatus } from "@/lib/business-hours/sla";
import { countUnreadByFolder } from "@/lib/conversations/count-unread-by-folder";
import { getConversation } from "@/lib/conversations/get-conversation";
import { conversationInFolder } from "@/lib/conversations/inbox-folders";
import { folderFacts } from "@/lib/conversations/list-cache";
import { listConversations } from "@/lib/conversations/list-conversations";
import { db } from "@/lib/db";
import { asSession, createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
import { getBusinessHours } from "./get-business-hours";

const HOUR = 3_600_000;
const MIN = 60_000;
// Thursday 2026-12-03, 15:00 in Berlin: open until 18:00, next open Friday 09:00 (08:00 UTC).
const NOW = new Date("2026-12-03T14:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);

async function fixture() {
  const account = await createAccount();
  await db.businessHours.create({
    data: { accountId: account.id, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })), holidays: [], slaFirstResponseMinutes: 30, slaNextResponseMinutes: 60 },
  });
  const withFeature = await createChannel(account.id, { humanAgentEnabled: true });
  const withoutFeature = await createChannel(account.id, { humanAgentEnabled: false });
  const at = async (channel: { id: string; accountId: string }, inboundAgo: number, more: { direction?: "INBOUND" | "OUTBOUND"; status?: "OPEN" | "RESOLVED" } = {}) => {
    const c = await createConversation(channel);
    await db.message.updateMany({ where: { conversationId: c.id }, data: { sentAt: ago(inboundAgo) } });
    return db.conversation.update({
      where: { id: c.id },
      data: { lastInboundAt: ago(inboundAgo), lastMessageAt: ago(inboundAgo), lastMessageDirection: more.direction ?? "INBOUND", status: more.status ?? "OPEN" },
    });
  };
  const c = {
    // Written Thursday 08:00 Berlin: the 24 h window ends Friday 07:55, before the 09:00 opening.
    endsOvernight: await at(withoutFeature, 7 * HOUR),
    // Written Thursday 10:00: ends Friday 09:55, after the opening.
    endsAfterOpening: await at(withFeature, 5 * HOUR),
    // Answered already: not waiting for the team.
    answered: await at(withFeature, 7 * HOUR, { direction: "OUTBOUND" }),
    resolved: await at(withFeature, 7 * HOUR, { status: "RESOLVED" }),
    // 6 days 20 hours: the Human Agent deadline is in 3 h 55 min (tonight).
    humanAgentTonight: await at(withFeature, 6 * 24 * HOUR + 20 * HOUR),
    // Past 24 h without the feature: already closed, nothing to flag.
    closed: await at(withoutFeature, 30 * HOUR),
  };
  const manager = asSession(await createTestAgent(account.id, "MANAGER"));
  return { account, manager, c };
}

describe("the Before closing folder", () => {
  it("lists the waiting conversations whose window ends before the team reopens, nearest end first", async () => {
    const { account, manager, c } = await fixture();
    const page = await listConversations(manager, { folder: "closing", limit: 50 }, { now: NOW });
    expect(page.conversations.map((x) => x.id)).toEqual([c.humanAgentTonight.id, c.endsOvernight.id]);

    // The browser's rule agrees with the SQL for every conversation of the account.
    const closingBefore = closingBeforeOf(calendarOf(await getBusinessHours(account.id)).reopensAt(NOW));
    expect(closingBefore).toEqual(new Date("2026-12-04T08:00:00Z"));
    const all = await listConversations(manager, { folder: "all", limit: 50 }, { now: NOW });
    const byRule = all.conversations.filter((x) => conversationInFolder(folderFacts(x), "closing", { agentId: manager.id, now: NOW, closingBefore })).map((x) => x.id);
    expect(byRule.sort()).toEqual([c.humanAgentTonight.id, c.endsOvernight.id].sort());

    // Unread counts (every fixture conversation is unread).
    expect((await countUnreadByFolder(manager, {}, { now: NOW })).closing).toBe(2);
  });

  it("is empty for an account without business hours", async () => {
    const { account, manager } = await fixture();
    await db.businessHours.delete({ where: { accountId: account.id } });
    expect((await listConversations(manager, { folder: "closing", limit: 50 }, { now: NOW })).conversations).toEqual([]);
    expect((await countUnreadByFolder(manager, {}, { now: NOW })).closing).toBe(0);
  });
});

describe("the thread's SLA clock", () => {
  it("runs from the person's first unanswered message; our automation answers nothing, an agent's reply does", async () => {
    const { account, manager, c } = await fixture();
    const hours = await getBusinessHours(account.id);
    const calendar = calendarOf(hours);
    const targets = { firstResponseMinutes: 30, nextResponseMinutes: 60 };
    const detail = async () => (await getConversation({ agent: manager, conversationId: c.endsAfterOpening.id })).sla;
    const clock = async (now: Date) => {
      const sla = await detail();
      return slaStatus(calendar, targets, { waitingSince: sla.waitingSince ? new Date(sla.waitingSince) : null, answeredBefore: sla.teamRepliedAt !== null }, now);
    };
    const firstAt = ago(5 * HOUR);
    expect(await detail()).toEqual({ teamRepliedAt: null, waitingSince: firstAt.toISOString() });
    expect(await clock(NOW)).toMatchObject({ kind: "first", breached: true, dueAt: new Date(firstAt.getTime() + 30 * MIN) });

    const base = { accountId: account.id, channelId: c.endsAfterOpening.channelId, conversationId: c.endsAfterOpening.id, direction: "OUTBOUND" as const, kind: "MESSAGE" as const };
    await db.message.create({ data: { ...base, mid: `m_auto_${c.endsAfterOpening.id}`, senderKind: "OUR_APP", text: "We are closed", sentAt: ago(4 * HOUR), sendStatus: "SENT" } });
    expect((await detail()).teamRepliedAt).toBeNull();

    await db.message.create({ data: { ...base, mid: `m_agent_${c.endsAfterOpening.id}`, senderKind: "AGENT", text: "On it", sentAt: ago(3 * HOUR), sendStatus: "SENT" } });
    expect(await detail()).toEqual({ teamRepliedAt: ago(3 * HOUR).toISOString(), waitingSince: null });
    expect(await clock(NOW)).toBeNull();

    // The person writes again at 17:30 Berlin: next response due 60 business minutes later — Friday 09:30.
    await db.message.create({ data: { ...base, direction: "INBOUND", mid: `m_again_${c.endsAfterOpening.id}`, senderKind: "CONTACT", text: "Any news?", sentAt: new Date("2026-12-03T16:30:00Z") } });
    expect(await clock(new Date("2026-12-03T17:30:00Z"))).toMatchObject({ kind: "next", breached: false, dueAt: new Date("2026-12-04T08:30:00Z"), elapsedMinutes: 30 });
  });
});
