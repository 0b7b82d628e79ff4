// The comments report against the week of scripts/testing/comment-scenario.ts, worked out by hand.
import { beforeAll, describe, expect, it } from "vitest";
import { REPORT_CSV_COLUMNS } from "@/lib/reports/report-catalog";
import type { ReportScope } from "@/lib/reports/report-sql";
import type { CommentAnswerRow } from "@/lib/reports/report-types";
import { runReport } from "@/lib/reports/run-report";
import { toCsv } from "@/lib/reports/to-csv";
import { COMMENT_SCENARIO_NOW, seedCommentScenario } from "@/scripts/testing/comment-scenario";

type Seeded = Awaited<ReturnType<typeof seedCommentScenario>>;

function scope(s: Seeded, from: string, to: string, extra: Partial<ReportScope> = {}): ReportScope {
  return { accountId: s.account.id, timeZone: "Europe/Berlin", range: { from, to }, now: COMMENT_SCENARIO_NOW, ...extra };
}

/** label → [received, public, private, first answers, median s, expired] */
const numbers = (rows: CommentAnswerRow[]) =>
  Object.fromEntries(rows.map((r) => [r.label, [r.received, r.answeredPublic, r.answeredPrivate, r.firstAnswers, r.medianFirstAnswerSeconds, r.expiredUnanswered]]));

describe("comments report (week 2026-11-09..15, Europe/Berlin)", () => {
  let s: Seeded;
  beforeAll(async () => {
    s = await seedCommentScenario();
    await seedCommentScenario(); // another tenant with the same week must not leak in
  });

  it("received, answered publicly / privately, median time to first answer, expired unanswered", async () => {
    const rows = await runReport("comment-answers", scope(s, "2026-11-09", "2026-11-15"));
    // Received in the week: Ana, Lou, Ben, Cleo, Olga (Page) and Jo (Instagram); not the Page's own comment.
    // Public: Ana (09:30), Lou (10:00 — filed under Ana, answers Lou by its audit), Ben (another app), Eva
    //   (comment of 11-03, answered 11-09 20:00Z) = 4. Jo's PENDING and FAILED replies are no answers.
    // Private: Ben = 1 (Cleo's FAILED is none).
    // First answers: Lou 1200, Ana 1800, Ben 7200 (private before public), Eva 547200 → median (1800+7200)/2 = 4500.
    // Expired in the week: Dan (11-09 09:55), Hana (reopened, 11-13 08:55), Ivy (Instagram, 11-14 09:55) = 3;
    //   not Eva (answered in time), Finn (removed), Gus (resolved), Nils (Live), Cleo (11-18), Olga (11-21).
    expect(numbers(rows)).toEqual({
      "Whole team": [6, 4, 1, 4, 4500, 3],
      "Outlet Page": [5, 4, 1, 4, 4500, 2],
      "outlet.insta": [1, 0, 0, 0, null, 1],
    });
    expect(rows.map((r) => r.dimension)).toEqual(["team", "channel", "channel"]);
  });

  it("an expiry counts once its deadline has passed, on the deadline's day", async () => {
    // 11-14 09:00Z: Ivy's deadline (09:55) is still ahead.
    const before = await runReport("comment-answers", scope(s, "2026-11-09", "2026-11-15", { now: new Date("2026-11-14T09:00:00Z") }));
    expect(before[0]?.expiredUnanswered).toBe(2);
    // Failed and unconfirmed replies are no answers: Cleo's allowance expires on 11-18 (failed private reply),
    // Jo's on 11-19 (PENDING and FAILED public replies).
    const later = await runReport("comment-answers", scope(s, "2026-11-16", "2026-11-19"));
    expect(numbers(later)["Whole team"]).toEqual([0, 0, 0, 0, null, 2]);
    const day = await runReport("comment-answers", scope(s, "2026-11-13", "2026-11-13"));
    expect(day[0]?.expiredUnanswered).toBe(1); // Hana only
  });

  it("filters by channel and platform", async () => {
    const insta = await runReport("comment-answers", scope(s, "2026-11-09", "2026-11-15", { platform: "INSTAGRAM" }));
    expect(numbers(insta)["Whole team"]).toEqual([1, 0, 0, 0, null, 1]);
    const page = await runReport("comment-answers", scope(s, "2026-11-09", "2026-11-15", { channelId: s.page.id }));
    expect(numbers(page)["Whole team"]).toEqual([5, 4, 1, 4, 4500, 2]);
  });

  it("an empty range still has the team row, and the CSV carries the same numbers", async () => {
    const empty = await runReport("comment-answers", scope(s, "2026-10-01", "2026-10-02"));
    expect(numbers(empty)).toEqual({ "Whole team": [0, 0, 0, 0, null, 0] });
    const rows = await runReport("comment-answers", scope(s, "2026-11-09", "2026-11-15"));
    const csv = toCsv(REPORT_CSV_COLUMNS["comment-answers"], rows).trim().split("\r\n");
    expect(csv[0]).toBe("breakdown,id,name,platform,comments_received,answered_public,answered_private,first_answers,median_seconds_to_first_answer,private_replies_expired_unanswered");
    expect(csv[1]).toBe("team,team,Whole team,,6,4,1,4,4500,3");
    expect(csv[2]).toBe(`channel,${s.page.id},Outlet Page,MESSENGER,5,4,1,4,4500,2`);
  });
});
