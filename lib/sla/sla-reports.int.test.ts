// SLA clocks in business hours against Postgres: waits across a weekend and Berlin's DST changes (March and
// October 2026), the out-of-hours auto-reply answering nothing, and windows that ended while the team was
// closed — flagged vs missed. Hours: Monday–Friday 09:00–18:00 Europe/Berlin; targets 30 / 60 min.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { REPORT_CSV_COLUMNS } from "@/lib/reports/report-catalog";
import type { ReportScope } from "@/lib/reports/report-sql";
import { runReport } from "@/lib/reports/run-report";
import { toCsv } from "@/lib/reports/to-csv";
import { createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";

const TZ = "Europe/Berlin";
const NOW = new Date("2026-11-20T12:00:00Z");

async function seed() {
  const account = await createAccount();
  await db.businessHours.create({
    data: { accountId: account.id, weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: "09:00", close: "18:00" })), holidays: [], slaFirstResponseMinutes: 30, slaNextResponseMinutes: 60 },
  });
  // Connected long before the threads below (a window of a channel not yet connected is nobody's miss).
  const channel = await db.channel.update({
    where: { id: (await createChannel(account.id, { platform: "MESSENGER", name: "Shop", humanAgentEnabled: true })).id },
    data: { createdAt: new Date("2026-01-01T00:00:00Z") },
  });
  const agent = await db.agent.update({ where: { id: (await createTestAgent(account.id, "AGENT")).id }, data: { name: "Alex" } });
  /** A thread of [who, ISO time] pairs: "p" the person, "a" the agent, "bot" our automation. */
  const thread = async (events: ["p" | "a" | "bot", string][]) => {
    const c = await createConversation(channel);
    await db.message.deleteMany({ where: { conversationId: c.id } });
    let n = 0;
    for (const [who, at] of events) {
      const base = { accountId: account.id, channelId: channel.id, conversationId: c.id, mid: `m_${c.id}_${n++}`, sentAt: new Date(at), text: who };
      if (who === "p") await db.message.create({ data: { ...base, direction: "INBOUND", senderKind: "CONTACT" } });
      else await db.message.create({ data: { ...base, direction: "OUTBOUND", senderKind: who === "a" ? "AGENT" : "OUR_APP", agentId: who === "a" ? agent.id : null, sendStatus: "SENT", messagingType: "RESPONSE" } });
    }
    return c;
  };
  const scope = (from: string, to: string): ReportScope => ({ accountId: account.id, timeZone: TZ, range: { from, to }, now: NOW });
  return { account, thread, scope };
}

describe("SLA attainment in business hours", () => {
  it("counts business minutes across the weekend and the March DST change; automation answers nothing", async () => {
    const { thread, scope } = await seed();
    // Friday 27 March 17:50 CET → Monday 30 March 09:15 CEST: 10 + 15 = 25 business minutes (63 h 25 min on the wall): within 30.
    await thread([
      ["p", "2026-03-27T16:50:00Z"],
      ["a", "2026-03-30T07:15:00Z"],
    ]);
    // Friday 17:00 CET, an out-of-hours auto-reply a minute later (answers nothing), the agent Monday 09:45 CEST:
    // 60 + 45 = 105 business minutes: over 30. The person writes again at 10:00 and is answered at 10:30: next response 30 ≤ 60.
    await thread([
      ["p", "2026-03-27T16:00:00Z"],
      ["bot", "2026-03-27T16:01:00Z"],
      ["a", "2026-03-30T07:45:00Z"],
      ["p", "2026-03-30T08:00:00Z"],
      ["a", "2026-03-30T08:30:00Z"],
    ]);
    const rows = await runReport("sla-attainment", scope("2026-03-23", "2026-03-31"));
    const team = (kind: "first" | "next") => rows.find((r) => r.dimension === "team" && r.kind === kind);
    expect(team("first")).toMatchObject({ targetMinutes: 30, answered: 2, withinTarget: 1, attainmentPercent: 50, medianBusinessSeconds: 65 * 60 });
    expect(team("next")).toMatchObject({ targetMinutes: 60, answered: 1, withinTarget: 1, attainmentPercent: 100, medianBusinessSeconds: 30 * 60 });
    expect(rows.filter((r) => r.dimension === "agent").map((r) => [r.kind, r.label, r.answered])).toEqual([
      ["first", "Alex", 2],
      ["next", "Alex", 1],
    ]);
    const csv = toCsv(REPORT_CSV_COLUMNS["sla-attainment"], rows);
    expect(csv.split("\r\n")[0]).toBe("\ufeffsla,breakdown,id,name,platform,target_business_minutes,answered_waits,within_target,attainment_percent,median_business_seconds");
    expect(csv).toContain("first_response,team,team,Whole team,,30,2,1,50,3900");
  });

  it("the October change: Friday 17:40 CEST → Monday 09:10 CET is exactly the 30-minute target (within)", async () => {
    const { thread, scope } = await seed();
    await thread([
      ["p", "2026-10-23T15:40:00Z"],
      ["a", "2026-10-26T08:10:00Z"],
    ]);
    await thread([
      ["p", "2026-10-23T15:40:00Z"],
      ["a", "2026-10-26T08:11:00Z"],
    ]);
    const rows = await runReport("sla-attainment", scope("2026-10-19", "2026-10-31"));
    expect(rows.find((r) => r.dimension === "team" && r.kind === "first")).toMatchObject({ answered: 2, withinTarget: 1, attainmentPercent: 50 });
  });
});

describe("windows ending while closed: flagged vs missed", () => {
  it("flags the windows of people still waiting at closing time whose deadline falls while closed, and counts the missed ones", async () => {
    const { thread, scope } = await seed();
    // Friday 27 March 10:00 CET, never answered: the 24 h window ends Saturday 09:55 (closed) → flagged and missed.
    await thread([["p", "2026-03-27T09:00:00Z"]]);
    // Friday 11:00, answered at 17:00 before closing: not waiting at closing time → not flagged.
    await thread([
      ["p", "2026-03-27T10:00:00Z"],
      ["a", "2026-03-27T16:00:00Z"],
    ]);
    // Friday 17:30, answered Saturday 09:00 (from home) before its window ended: flagged, not missed.
    await thread([
      ["p", "2026-03-27T16:30:00Z"],
      ["a", "2026-03-28T08:00:00Z"],
    ]);
    // Friday 17:30, only the auto-reply: flagged and missed (automation answers nothing).
    await thread([
      ["p", "2026-03-27T16:30:00Z"],
      ["bot", "2026-03-27T16:31:00Z"],
    ]);
    // Wednesday 10:00: the window ends Thursday 09:55, while open → not flagged (Expiring soon covers it).
    await thread([["p", "2026-03-25T09:00:00Z"]]);
    const rows = await runReport("window-closures", scope("2026-03-23", "2026-03-29"));
    expect(rows.map((r) => r.day)).toEqual(["2026-03-23", "2026-03-24", "2026-03-25", "2026-03-26", "2026-03-27", "2026-03-28", "2026-03-29"]);
    expect(rows.find((r) => r.day === "2026-03-28")).toEqual({ day: "2026-03-28", flagged24h: 3, missed24h: 2, flagged7d: 0, missed7d: 0 });
    expect(rows.filter((r) => r.day !== "2026-03-28").every((r) => r.flagged24h === 0 && r.flagged7d === 0)).toBe(true);
    expect(toCsv(REPORT_CSV_COLUMNS["window-closures"], rows)).toContain("2026-03-28,3,2,0,0");
  });

  it("leaves out windows the team could not act on: the conversation resolved before the deadline, the channel disconnected", async () => {
    const { account, thread, scope } = await seed();
    // Friday 10:00 CET, never answered, resolved at 18:30 (no reply needed): not flagged, not missed.
    const resolved = await thread([["p", "2026-03-27T09:00:00Z"]]);
    await db.auditEvent.create({
      data: { accountId: account.id, conversationId: resolved.id, type: "conversation.status_changed", data: { from: "OPEN", to: "RESOLVED" }, createdAt: new Date("2026-03-27T17:30:00Z") },
    });
    // The same, still open: flagged and missed.
    await thread([["p", "2026-03-27T09:00:00Z"]]);
    // On a second channel, disconnected Friday evening: its person's window is nobody's miss.
    const other = await createChannel(account.id, { name: "Old shop" });
    const orphan = await createConversation(other);
    await db.message.deleteMany({ where: { conversationId: orphan.id } });
    await db.message.create({ data: { accountId: account.id, channelId: other.id, conversationId: orphan.id, mid: `m_${orphan.id}`, sentAt: new Date("2026-03-27T09:00:00Z"), direction: "INBOUND", senderKind: "CONTACT", text: "p" } });
    await db.channel.update({ where: { id: other.id }, data: { createdAt: new Date("2026-03-01T00:00:00Z"), disconnectedAt: new Date("2026-03-27T18:00:00Z") } });

    const rows = await runReport("window-closures", scope("2026-03-23", "2026-03-29"));
    expect(rows.find((r) => r.day === "2026-03-28")).toEqual({ day: "2026-03-28", flagged24h: 1, missed24h: 1, flagged7d: 0, missed7d: 0 });
  });
});
