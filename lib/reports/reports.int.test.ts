// Report numbers against the review scenario (scripts/demo/review-scenario.ts), whose answers
// are worked out by hand below. percentile_cont interpolates: for sorted samples x0..x(n-1), the p-th
// percentile sits at position p·(n−1).
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { reportConversationsHandled } from "@/lib/reports/report-conversations-handled";
import { reportHourlyVolume } from "@/lib/reports/report-hourly-volume";
import { reportResponseTimes } from "@/lib/reports/report-response-times";
import type { ReportScope } from "@/lib/reports/report-sql";
import type { TimingRow } from "@/lib/reports/report-types";
import { reportWindowOutcomes } from "@/lib/reports/report-window-outcomes";
import { runReport } from "@/lib/reports/run-report";
import { createScenarioThread, recordChannelConnected, seedReviewScenario } from "@/scripts/demo/review-scenario";
import { toCsv } from "@/lib/reports/to-csv";
import { REPORT_CSV_COLUMNS } from "@/lib/reports/report-catalog";
import { createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";

const TZ = "Europe/Berlin";
const NOW = new Date("2026-11-20T12:00:00Z");

async function seedAccount(anchor: string) {
  const account = await createAccount();
  const messenger = await createChannel(account.id, { platform: "MESSENGER", name: "Outlet Messenger" });
  const instagram = await createChannel(account.id, { platform: "INSTAGRAM", name: "outlet.instagram" });
  const manager = await createTestAgent(account.id, "MANAGER");
  const alex = await db.agent.update({ where: { id: (await createTestAgent(account.id, "AGENT")).id }, data: { name: "Alex" } });
  const sam = await db.agent.update({ where: { id: (await createTestAgent(account.id, "AGENT")).id }, data: { name: "Sam" } });
  await seedReviewScenario({ timeZone: TZ, anchor, messenger, instagram, managerId: manager.id, alexId: alex.id, samId: sam.id, now: NOW });
  return { account, messenger, instagram, manager, alex, sam };
}

type Seeded = Awaited<ReturnType<typeof seedAccount>>;

function scope(s: Seeded, from: string, to: string, extra: Partial<ReportScope> = {}): ReportScope {
  return { accountId: s.account.id, timeZone: TZ, range: { from, to }, now: NOW, ...extra };
}

/** [count, median, p90] per row key, rounded to 0.1 s. */
function timings(rows: TimingRow[]) {
  return Object.fromEntries(
    rows.map((r) => [r.dimension === "team" ? "team" : r.label, [r.count, Math.round((r.medianSeconds ?? NaN) * 10) / 10, Math.round((r.p90Seconds ?? NaN) * 10) / 10]]),
  );
}

const H = 3600;

describe("reports on the review week (no DST: 2026-11-02..08, Europe/Berlin)", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedAccount("2026-11-02");
    // Another tenant with the same week must not leak into these numbers.
    await seedAccount("2026-11-02");
  });

  it("first-response time: median and p90 per agent, per channel and for the team", async () => {
    const rows = await reportResponseTimes(scope(s, "2026-11-02", "2026-11-08"), { firstResponse: true });
    // Alex: Noah 15 min, Ana 10 min, Priya 20 min, Yuki 25 h → [600, 900, 1200, 90000]
    //   median (900+1200)/2 = 1050; p90 at 2.7 → 1200 + 0.7·88800 = 63360
    // Sam: Jonas 60 min, Léa 45 min → [2700, 3600]: median 3150; p90 at 0.9 → 3510
    // Team: [600, 900, 1200, 2700, 3600, 90000]: median 1950; p90 at 4.5 → 3600 + 0.5·86400 = 46800
    // Messenger: Ana, Jonas, Priya, Noah → [600, 900, 1200, 3600]: median 1050; p90 at 2.7 → 2880
    // Instagram: Yuki, Léa → [2700, 90000]: median 46350; p90 at 0.9 → 2700 + 0.9·87300 = 81270
    expect(timings(rows)).toEqual({
      team: [6, 1950, 46800],
      Alex: [4, 1050, 63360],
      Sam: [2, 3150, 3510],
      "Outlet Messenger": [4, 1050, 2880],
      "outlet.instagram": [2, 46350, 81270],
    });
    expect(rows.map((r) => r.dimension)).toEqual(["team", "agent", "agent", "channel", "channel"]);
    expect(rows.find((r) => r.label === "outlet.instagram")?.platform).toBe("INSTAGRAM");
  });

  it("reply time counts every answered wait, from its first message, and skips follow-ups", async () => {
    const rows = await reportResponseTimes(scope(s, "2026-11-02", "2026-11-08"), { firstResponse: false });
    // Alex: 600, 1800 (Ana's second wait), 90000, 1200, 900 → [600, 900, 1200, 1800, 90000]
    //   median 1200; p90 at 3.6 → 1800 + 0.6·88200 = 54720 (Ana's 10:31 follow-up answers nothing)
    // Sam: 3600 (from 08:00, not 08:20), 1800 (across midnight), 2700 → median 2700; p90 at 1.8 → 3420
    // Team: [600, 900, 1200, 1800, 1800, 2700, 3600, 90000]: median 1800; p90 at 6.3 → 3600 + 0.3·86400 = 29520
    // Messenger: [600, 900, 1200, 1800, 1800, 3600]: median 1500; p90 at 4.5 → 2700
    expect(timings(rows)).toEqual({
      team: [8, 1800, 29520],
      Alex: [5, 1200, 54720],
      Sam: [3, 2700, 3420],
      "Outlet Messenger": [6, 1500, 2700],
      "outlet.instagram": [2, 46350, 81270],
    });
  });

  it("replies inside 24 h, with HUMAN_AGENT, and lapsed windows per local day", async () => {
    const rows = await reportWindowOutcomes(scope(s, "2026-11-02", "2026-11-08"));
    expect(rows).toEqual([
      // Noah 00:05, Ana 09:10, 10:30, 10:31; Samuel's 7-day window lapses at 11:55 (his message was on D-7)
      { day: "2026-11-02", repliesInside24h: 4, repliesHumanAgent: 0, windowsMissed24h: 0, windowsMissed7d: 1 },
      { day: "2026-11-03", repliesInside24h: 1, repliesHumanAgent: 0, windowsMissed24h: 0, windowsMissed7d: 0 },
      { day: "2026-11-04", repliesInside24h: 1, repliesHumanAgent: 0, windowsMissed24h: 0, windowsMissed7d: 0 },
      // Yuki's window lapses at 13:55, Alex answers with HUMAN_AGENT at 15:00; Priya's failed send is no reply
      { day: "2026-11-05", repliesInside24h: 1, repliesHumanAgent: 1, windowsMissed24h: 1, windowsMissed7d: 0 },
      { day: "2026-11-06", repliesInside24h: 0, repliesHumanAgent: 0, windowsMissed24h: 0, windowsMissed7d: 0 },
      // Mateo, never answered
      { day: "2026-11-07", repliesInside24h: 0, repliesHumanAgent: 0, windowsMissed24h: 1, windowsMissed7d: 0 },
      { day: "2026-11-08", repliesInside24h: 1, repliesHumanAgent: 0, windowsMissed24h: 0, windowsMissed7d: 0 },
    ]);
  });

  it("a lapse counts only once its deadline has passed", async () => {
    // On D5 at 19:00 Mateo's deadline (19:55) is still ahead.
    const rows = await reportWindowOutcomes(scope(s, "2026-11-07", "2026-11-07", { now: new Date("2026-11-07T18:00:00Z") }));
    expect(rows[0]?.windowsMissed24h).toBe(0);
    const later = await reportWindowOutcomes(scope(s, "2026-11-07", "2026-11-07", { now: new Date("2026-11-07T18:56:00Z") }));
    expect(later[0]?.windowsMissed24h).toBe(1);
  });

  it("a new message before the deadline renews the window; one after it does not undo the lapse", async () => {
    const channel = await createChannel(s.account.id, { name: "Renewals" });
    await recordChannelConnected(channel, new Date("2026-11-01T00:00:00Z"));
    const renewed = await createScenarioThread({ ...channel, platform: "MESSENGER" }, "Renewed");
    await renewed.inbound(new Date("2026-11-10T08:00:00Z"), "first");
    await renewed.inbound(new Date("2026-11-11T04:00:00Z"), "20 h later: renews the window");
    await renewed.reply(new Date("2026-11-11T14:00:00Z"), s.alex.id, "answer, 10 h after the renewal");
    await renewed.finish();
    const lapsed = await createScenarioThread({ ...channel, platform: "MESSENGER" }, "Lapsed");
    await lapsed.inbound(new Date("2026-11-10T08:00:00Z"), "first");
    await lapsed.inbound(new Date("2026-11-11T14:00:00Z"), "30 h later: the first window had lapsed");
    await lapsed.reply(new Date("2026-11-11T15:00:00Z"), s.alex.id, "answer");
    await lapsed.finish();
    const sc = scope(s, "2026-11-10", "2026-11-12", { channelId: channel.id });
    const days = await reportWindowOutcomes(sc);
    expect(days.map((d) => [d.day, d.windowsMissed24h])).toEqual([["2026-11-10", 0], ["2026-11-11", 1], ["2026-11-12", 0]]);
    // Both waits started at the person's first unanswered message: 30 h and 31 h.
    expect(timings(await reportResponseTimes(sc, { firstResponse: false })).team).toEqual([2, 30.5 * H, 30.9 * H]);
  });

  it("conversations handled: replied in or resolved, per agent and channel", async () => {
    const rows = await reportConversationsHandled(scope(s, "2026-11-02", "2026-11-08"));
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, [r.handled, r.replied, r.resolved]]));
    expect(byLabel).toEqual({
      "Whole team": [6, 6, 3],
      Alex: [4, 4, 1],
      Sam: [2, 2, 2],
      "Outlet Messenger": [4, 4, 2],
      "outlet.instagram": [2, 2, 1],
    });
  });

  it("volume by local hour: the range starts and ends at local midnight", async () => {
    const rows = await reportHourlyVolume(scope(s, "2026-11-02", "2026-11-08"));
    expect(rows).toHaveLength(24);
    const nonZero = rows.filter((r) => r.inbound || r.replies).map((r) => [r.hour, r.inbound, r.replies]);
    // Noah's 23:50 on D-1 and Late Larry on D7 are outside; Noah's 00:05 answer is inside.
    expect(nonZero).toEqual([
      [0, 0, 3],
      [8, 2, 0],
      [9, 1, 2],
      [10, 1, 2],
      [14, 1, 0],
      [15, 0, 1],
      [16, 1, 1],
      [20, 1, 0],
      [23, 2, 0],
    ]);
    const shifted = await reportHourlyVolume(scope(s, "2026-11-01", "2026-11-01"));
    expect(shifted.filter((r) => r.inbound).map((r) => [r.hour, r.inbound])).toEqual([[23, 1]]);
  });

  it("filters by channel and platform", async () => {
    const instagram = await reportResponseTimes(scope(s, "2026-11-02", "2026-11-08", { platform: "INSTAGRAM" }), { firstResponse: true });
    expect(timings(instagram)).toEqual({ team: [2, 46350, 81270], Alex: [1, 90000, 90000], Sam: [1, 2700, 2700], "outlet.instagram": [2, 46350, 81270] });
    const messenger = await reportWindowOutcomes(scope(s, "2026-11-02", "2026-11-08", { channelId: s.messenger.id }));
    expect(messenger.reduce((n, r) => n + r.windowsMissed24h, 0)).toBe(0);
    expect(messenger.reduce((n, r) => n + r.windowsMissed7d, 0)).toBe(1);
  });

  it("an empty range gives a team row without numbers and zero-filled days and hours", async () => {
    const empty = scope(s, "2026-01-01", "2026-01-02");
    expect(await reportResponseTimes(empty, { firstResponse: true })).toEqual([
      { dimension: "team", key: "team", label: "Whole team", platform: null, count: 0, medianSeconds: null, p90Seconds: null },
    ]);
    expect((await reportWindowOutcomes(empty)).map((r) => r.day)).toEqual(["2026-01-01", "2026-01-02"]);
    expect((await reportHourlyVolume(empty)).every((r) => r.inbound === 0 && r.replies === 0)).toBe(true);
  });

  it("the CSV carries the chart's numbers", async () => {
    const sc = scope(s, "2026-11-02", "2026-11-08");
    const csv = toCsv(REPORT_CSV_COLUMNS["first-response-time"], await runReport("first-response-time", sc));
    const lines = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("breakdown,id,name,platform,answered_waits,median_seconds,p90_seconds");
    expect(lines[1]).toBe("team,team,Whole team,,6,1950,46800");
    expect(lines).toContain(`agent,${s.sam.id},Sam,,2,3150,3510`);
    expect(lines).toContain(`channel,${s.instagram.id},outlet.instagram,INSTAGRAM,2,46350,81270`);
  });
});

// What the numbers count (lib/reports/report-sql.ts): lapses the team could act on, replies as turns, one
// population for first response and handled. Each test adds threads on channels of its own, filtered by channel.
describe("what the reports count", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedAccount("2026-11-02");
  });

  it("a window missed counts only while the channel was connected and the conversation was in the inbox", async () => {
    const connectedLate = await createChannel(s.account.id, { name: "Connected later" });
    const unplugged = await createChannel(s.account.id, { name: "Unplugged" });
    const inbox = await createChannel(s.account.id, { name: "Inbox" });
    await recordChannelConnected(connectedLate, new Date("2026-11-11T12:00:00Z")); // after the deadline below
    await recordChannelConnected(unplugged, new Date("2026-11-01T00:00:00Z"));
    await db.auditEvent.create({
      data: { accountId: s.account.id, type: "channel.disconnected", data: { channelId: unplugged.id }, createdAt: new Date("2026-11-10T12:00:00Z") },
    });
    await recordChannelConnected(inbox, new Date("2026-11-01T00:00:00Z"));
    const person = async (channel: { id: string; accountId: string }, name: string) => {
      const t = await createScenarioThread({ ...channel, platform: "MESSENGER", humanAgentEnabled: true }, name);
      await t.inbound(new Date("2026-11-10T08:00:00Z"), "hello?"); // 24 h deadline 2026-11-11 07:55
      return t;
    };
    // Backfilled history from before the channel was connected: nobody could answer.
    await (await person(connectedLate, "Backfilled")).finish();
    // The channel was disconnected when the window lapsed.
    await (await person(unplugged, "Unplugged")).finish();
    // Resolved by an agent before the deadline: the team decided nothing more was needed.
    const resolved = await person(inbox, "Resolved");
    await resolved.setStatus(new Date("2026-11-10T09:00:00Z"), s.alex.id, "RESOLVED");
    await resolved.finish();
    // Resolved, then reopened before the deadline: back in the inbox, so missed.
    const reopened = await person(inbox, "Reopened");
    await reopened.setStatus(new Date("2026-11-10T09:00:00Z"), s.alex.id, "RESOLVED");
    await reopened.setStatus(new Date("2026-11-10T10:00:00Z"), s.alex.id, "OPEN");
    await reopened.finish();
    // Snoozed past the window: in the inbox, so missed.
    const snoozed = await person(inbox, "Snoozed");
    await snoozed.setStatus(new Date("2026-11-10T09:00:00Z"), s.alex.id, "SNOOZED");
    await snoozed.finish();
    const missed = async (channelId: string) =>
      (await reportWindowOutcomes(scope(s, "2026-11-11", "2026-11-11", { channelId }))).reduce((n, r) => n + r.windowsMissed24h, 0);
    expect(await missed(connectedLate.id)).toBe(0);
    expect(await missed(unplugged.id)).toBe(0);
    expect(await missed(inbox.id)).toBe(2);
  });

  it("a reply is a turn: files and the text sent with them count once, a second message counts again", async () => {
    const channel = await createChannel(s.account.id, { name: "Turns" });
    await recordChannelConnected(channel, new Date("2026-11-01T00:00:00Z"));
    const t = await createScenarioThread({ ...channel, platform: "MESSENGER", humanAgentEnabled: true }, "Turner");
    await t.inbound(new Date("2026-11-12T08:00:00Z"), "photos please");
    await t.reply(new Date("2026-11-12T08:10:00Z"), s.alex.id, "");
    await t.reply(new Date("2026-11-12T08:10:02Z"), s.alex.id, "");
    await t.reply(new Date("2026-11-12T08:10:04Z"), s.alex.id, "Here are both photos");
    await t.reply(new Date("2026-11-12T08:30:00Z"), s.alex.id, "Anything else?");
    await t.finish();
    // The first two are file messages (no text), as the composer sends files before their text.
    const files = await db.message.findMany({ where: { conversationId: t.id, direction: "OUTBOUND" }, orderBy: { sentAt: "asc" }, take: 2 });
    await db.message.updateMany({
      where: { id: { in: files.map((m) => m.id) } },
      data: { text: null, attachments: [{ type: "image", url: "https://cdn.example.test/p.jpg" }] },
    });
    const sc = scope(s, "2026-11-12", "2026-11-12", { channelId: channel.id });
    expect((await reportWindowOutcomes(sc))[0]).toMatchObject({ repliesInside24h: 2 });
    expect((await reportHourlyVolume(sc)).reduce((n, r) => n + r.replies, 0)).toBe(2);
    // The turn answers the wait with its first message (10 min); the 08:30 message answers nothing.
    expect(timings(await reportResponseTimes(sc, { firstResponse: false })).team).toEqual([1, 600, 600]);
  });

  it("first response and handled count the same conversations", async () => {
    const sc = scope(s, "2026-11-02", "2026-11-08");
    const first = await reportResponseTimes(sc, { firstResponse: true });
    const handled = await reportConversationsHandled(sc);
    expect(first.find((r) => r.dimension === "team")!.count).toBe(handled.find((r) => r.dimension === "team")!.replied);
    // A conversation answered in the range whose first message was long before it: its first answer in the
    // range is its first response there (before, it was handled but had no first response).
    const channel = await createChannel(s.account.id, { name: "Old thread" });
    await recordChannelConnected(channel, new Date("2026-10-01T00:00:00Z"));
    const old = await createScenarioThread({ ...channel, platform: "MESSENGER", humanAgentEnabled: true }, "Oldtimer");
    await old.inbound(new Date("2026-10-05T08:00:00Z"), "first question, a month ago");
    await old.reply(new Date("2026-10-05T08:05:00Z"), s.sam.id, "answered then");
    await old.inbound(new Date("2026-11-04T08:00:00Z"), "a new question");
    await old.reply(new Date("2026-11-04T08:40:00Z"), s.sam.id, "answered in the range");
    await old.finish();
    const oldScope = scope(s, "2026-11-02", "2026-11-08", { channelId: channel.id });
    expect(timings(await reportResponseTimes(oldScope, { firstResponse: true })).team).toEqual([1, 2400, 2400]);
    expect((await reportConversationsHandled(oldScope)).find((r) => r.dimension === "team")).toMatchObject({ handled: 1, replied: 1 });
  });
});

describe("reports across Berlin's DST end (2026-10-25)", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedAccount("2026-10-22");
  });

  it("durations are real elapsed time: Yuki's wait from Saturday 14:00 to Sunday 15:00 is 26 h", async () => {
    const rows = await reportResponseTimes(scope(s, "2026-10-22", "2026-10-28"), { firstResponse: true });
    // As in November with Yuki's 90000 s replaced by 93600 s:
    // Alex [600, 900, 1200, 93600]: median 1050, p90 1200 + 0.7·92400 = 65880
    // Team [600, 900, 1200, 2700, 3600, 93600]: p90 3600 + 0.5·90000 = 48600
    // Instagram [2700, 93600]: median 48150, p90 2700 + 0.9·90900 = 84510
    expect(timings(rows)).toEqual({
      team: [6, 1950, 48600],
      Alex: [4, 1050, 65880],
      Sam: [2, 3150, 3510],
      "Outlet Messenger": [4, 1050, 2880],
      "outlet.instagram": [2, 48150, 84510],
    });
    const hsi = await db.message.findFirstOrThrow({ where: { conversation: { accountId: s.account.id }, tag: "HUMAN_AGENT" } });
    expect(hsi.hoursSinceInbound).toBe(26);
  });

  it("days and hour buckets follow local time on both sides of the switch", async () => {
    const days = await reportWindowOutcomes(scope(s, "2026-10-22", "2026-10-28"));
    // Yuki's deadline is 23 h 55 min after 12:00 UTC: 11:55 UTC, i.e. 12:55 CET, still Sunday.
    expect(days.find((d) => d.day === "2026-10-25")).toMatchObject({ repliesHumanAgent: 1, windowsMissed24h: 1 });
    expect(days.reduce((n, d) => n + d.windowsMissed24h + d.windowsMissed7d, 0)).toBe(3);
    const hours = await reportHourlyVolume(scope(s, "2026-10-22", "2026-10-28"));
    expect(hours.filter((r) => r.inbound).map((r) => [r.hour, r.inbound])).toEqual([[8, 2], [9, 1], [10, 1], [14, 1], [16, 1], [20, 1], [23, 2]]);
  });

  it("the repeated hour 02:00–03:00 on the switch day collects both readings", async () => {
    const edge = await createChannel(s.account.id, { name: "Edge" });
    const thread = await createScenarioThread({ ...edge, platform: "MESSENGER" }, "Edge Case");
    await thread.inbound(new Date("2026-10-24T22:30:00Z"), "00:30 CEST, Sunday"); // first minutes of the day
    await thread.inbound(new Date("2026-10-25T00:30:00Z"), "02:30 CEST");
    await thread.inbound(new Date("2026-10-25T01:30:00Z"), "02:30 CET");
    await thread.inbound(new Date("2026-10-25T23:30:00Z"), "00:30 CET, Monday"); // outside
    await thread.finish();
    const hours = await reportHourlyVolume(scope(s, "2026-10-25", "2026-10-25", { channelId: edge.id }));
    expect(hours.filter((r) => r.inbound).map((r) => [r.hour, r.inbound])).toEqual([[0, 1], [2, 2]]);
  });
});
