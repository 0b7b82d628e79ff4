import "server-only";
import { db } from "@/lib/db";
import { channelFilter, commentAnswersSql, expiredCommentsSql, isPersonComment, rangeEnd, rangeStart, sql, type ReportScope } from "./report-sql";
import { sortReportRows, type CommentAnswerRow } from "./report-types";

interface Row {
  dimension: "team" | "channel";
  channel_id: string | null;
  channel_name: string | null;
  platform: "MESSENGER" | "INSTAGRAM" | null;
  received: number;
  answered_public: number;
  answered_private: number;
  first_answers: number;
  median_seconds: number | null;
  expired: number;
}

/**
 * People's COMMENTs received in the range, those whose first PUBLIC / PRIVATE ANSWER was sent in the range,
 * the median time to the FIRST ANSWER (answers in the range), and PRIVATE REPLY EXPIRED UNANSWERED by the
 * deadline's day — for the team and per channel. Definitions: lib/reports/report-sql.ts.
 */
export async function reportCommentAnswers(scope: ReportScope): Promise<CommentAnswerRow[]> {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  const rows = await db.$queryRaw<Row[]>(sql`
    WITH answers AS (${commentAnswersSql(scope.accountId)}),
    firsts AS (
      SELECT c.id AS comment_id, c.channel_id, a.kind, min(a.answered_at) AS answered_at, c.meta_created_at
        FROM answers a JOIN comments c ON c.id = a.comment_id
       WHERE true ${channelFilter("c", scope)}
       GROUP BY GROUPING SETS ((c.id, c.channel_id, c.meta_created_at, a.kind), (c.id, c.channel_id, c.meta_created_at))
    ), facts AS (
      SELECT c.channel_id, 'received' AS fact, NULL::float8 AS seconds
        FROM comments c
       WHERE c.account_id = ${scope.accountId}::uuid AND ${isPersonComment("c")}
         AND c.meta_created_at >= ${start} AND c.meta_created_at < ${end} ${channelFilter("c", scope)}
      UNION ALL
      SELECT f.channel_id, coalesce(f.kind, 'first'), extract(epoch FROM f.answered_at - f.meta_created_at)::float8
        FROM firsts f WHERE f.answered_at >= ${start} AND f.answered_at < ${end}
      UNION ALL
      SELECT x.channel_id, 'expired', NULL
        FROM (${expiredCommentsSql({ accountId: scope.accountId, now: scope.now, start, end, where: channelFilter("c", scope) })}) x
    ), grouped AS (
      SELECT CASE WHEN GROUPING(channel_id) = 0 THEN 'channel' ELSE 'team' END AS dimension, channel_id,
             count(*) FILTER (WHERE fact = 'received')::int AS received,
             count(*) FILTER (WHERE fact = 'public')::int AS answered_public,
             count(*) FILTER (WHERE fact = 'private')::int AS answered_private,
             count(*) FILTER (WHERE fact = 'first')::int AS first_answers,
             (percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE fact = 'first'))::float8 AS median_seconds,
             count(*) FILTER (WHERE fact = 'expired')::int AS expired
        FROM facts
       GROUP BY GROUPING SETS ((channel_id), ())
    )
    SELECT g.dimension, g.channel_id::text, ch.name AS channel_name, ch.platform::text AS platform,
           g.received, g.answered_public, g.answered_private, g.first_answers, g.median_seconds, g.expired
      FROM grouped g
      LEFT JOIN channels ch ON ch.account_id = ${scope.accountId}::uuid AND ch.id = g.channel_id`);
  const team = rows.find((r) => r.dimension === "team");
  return sortReportRows([
    // An empty range yields no rows at all: the team row is always there, with zeros.
    ...(team ? [] : [{ dimension: "team" as const, channel_id: null, channel_name: null, platform: null, received: 0, answered_public: 0, answered_private: 0, first_answers: 0, median_seconds: null, expired: 0 }]),
    ...rows,
  ].map((r) => ({
    dimension: r.dimension,
    key: r.dimension === "team" ? "team" : r.channel_id!,
    label: r.dimension === "team" ? "Whole team" : (r.channel_name ?? "Unknown channel"),
    platform: r.dimension === "channel" ? r.platform : null,
    received: r.received,
    answeredPublic: r.answered_public,
    answeredPrivate: r.answered_private,
    firstAnswers: r.first_answers,
    medianFirstAnswerSeconds: r.median_seconds,
    expiredUnanswered: r.expired,
  })));
}
