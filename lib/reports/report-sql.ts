import "server-only";
// The SQL definitions every review filter, report and timeline marker is built from, in one place, so
// "window missed" or "reply time" means the same thing on every screen and in every CSV.
//
// OPENER — a window-opening action of the person: a `messages` row with direction = 'INBOUND' and
//   sender_kind = 'CONTACT' (kind MESSAGE, POSTBACK or REFERRAL), at its Meta time `sent_at`. Unsent
//   (deleted) messages still opened the window when they arrived. Reactions are not rows of `messages`
//   (message_reactions keeps only the latest per message, no history), so reports cannot count them.
//   A tap on a satisfaction survey's quick reply (`payload.quickReply` CSAT:…, lib/csat) rates the help; it
//   asks nothing, so it is no OPENER here (at Meta it does open the window).
//
// REPLY — anything the Page sent that Meta accepted: direction = 'OUTBOUND', kind = 'MESSAGE' and
//   send_status 'SENT' or NULL (NULL = an echo of a message sent by another app, e.g. Meta's own inbox).
//   PENDING and FAILED sends are not replies. Attributed to messages.agent_id when sender_kind = 'AGENT'.
//   A satisfaction survey (a message of csat_surveys) answers nothing and is no REPLY.
//
// REPLY TURN — what a person reads as one reply. Meta takes text and files as separate messages (the
//   composer sends the files first, then the text), so a REPLY continues the turn of the message just
//   before it in the conversation (among OPENERs and REPLYs, by (sent_at, id)) when that message is a REPLY
//   of the same sender, carries no text (files only) and was sent at most 2 minutes earlier. Every other
//   REPLY starts a turn. Reply counts (window outcomes, volume by hour) count turns; a turn answers a wait
//   with its first message.
//
// WINDOW LAPSE (lib/policy/window-policy.ts, with its 5-minute safety margin): an opener `o` at time t
//   "missed the standard window" when its deadline D = t + 24 h − 5 min has passed (D ≤ now) and no
//   message `n` of the same conversation with t ≤ n.sent_at < D is
//     - a REPLY, or
//     - a later OPENER ((n.sent_at, n.id) > (o.sent_at, o.id)), which renewed the window before it lapsed,
//       so the later opener is judged instead.
//   That is exactly "at D the policy would switch from RESPONSE to HUMAN_AGENT, and nobody had answered
//   the person's last message". "Missed entirely" is the same with D = t + 7 d − 5 min (the policy starts
//   blocking at that moment). A lapse happens at D: range filters and per-day reports use D, so last
//   week's numbers are final once the week is over.
//   Only what the team could act on is a lapse (windowLapsesSql):
//     - the channel was connected at D: the latest channel.connected / channel.disconnected audit event of
//       the channel at or before D is a connect; a channel without such events counts as connected from
//       its created_at until its disconnected_at. (History backfilled from before the channel was connected
//       and windows that lapsed while it was disconnected are nobody's miss.)
//     - the conversation was in the inbox at D: no agent had resolved it after the opener, i.e. the latest
//       conversation.status_changed event in [t, D) is not a change to RESOLVED. (A resolve before t does
//       not count: the opener itself reopened the conversation.) Snoozed conversations are in the inbox:
//       a snooze that carries a conversation past its window is exactly what this number should show.
//
// WAIT and REPLY TIME — per conversation, order openers and replies by (sent_at, openers first at equal
//   times, id). The openers between two consecutive replies form a wait; the reply right after them
//   answers it. Reply time = answer.sent_at − the wait's first opener. Replies with no opener since the
//   previous reply (follow-ups) answer nothing and are not counted.
// FIRST-RESPONSE TIME — per conversation, the reply time of its first wait answered in the range (for a
//   new conversation: from the person's first message to the first reply); later waits only count towards
//   reply time.
//   Both are attributed to the answer's time (in range) and to its sender: the agent, "Automation"
//   (OUR_APP) or "Other apps" (OTHER_APP).
//
// HANDLED — the population of the range: conversations in which a wait was answered in the range (the
//   same answers as first-response and reply time), or that an agent resolved in the range (audit event
//   conversation.status_changed to RESOLVED, by our time). So the team's first-response count equals the
//   team's "replied" count of handled conversations, always: one first answer per answered conversation.
//   Per agent, a conversation counts for every agent who answered a wait in it or resolved it.
//
// COMMENT — a person's comment: a `comments` row with by_page = false and a Meta id (top-level or a reply, on
//   a Page post, visitor post, ad or Instagram media), received at its Meta time `meta_created_at`. Comments
//   removed later still count as received.
// PUBLIC ANSWER — a Page comment Meta accepted (by_page, send_status 'SENT' or NULL = written in another app,
//   e.g. Meta Business Suite) that answers the COMMENT: for a reply sent from this app, the comment the agent
//   answered (its comment.replied audit event); otherwise the comment it was posted under (parent_meta_id —
//   Meta files a reply to a reply under the top-level comment, so that is the one it answers). At its
//   meta_created_at (our send time for our replies).
// PRIVATE ANSWER — the private reply (messages.private_reply_comment_id) with send_status 'SENT', at sent_at.
//   PENDING and FAILED private replies and public replies are no answers.
// FIRST ANSWER — the earliest PUBLIC or PRIVATE ANSWER of a COMMENT; time to first answer = its time − the
//   comment's Meta time. Answer counts and times are attributed to the answer's time (in range), so last
//   week's numbers are final once the week is over; a comment counts at most once per kind.
// PRIVATE REPLY EXPIRED UNANSWERED — a COMMENT whose private-reply deadline (lib/policy/private-reply-policy.ts:
//   Meta time + 7 d − 5 min) has passed (≤ now, and in the range) with no PUBLIC or PRIVATE ANSWER before it,
//   counted on the deadline's day. Only what the team could act on: not removed at Meta before the deadline,
//   not an Instagram Live comment (their allowance ends with the broadcast, whose end we do not record), and
//   not resolved by an agent without an answer (the latest comment.status_changed audit event at or before
//   the deadline is not a change to RESOLVED).
import { Prisma } from "@/lib/generated/prisma/client";
import { CSAT_QUICK_REPLY_PREFIX } from "@/lib/csat/csat-survey";
import { PRIVATE_REPLY_WINDOW_MS } from "@/lib/policy/private-reply-policy";
import { HUMAN_AGENT_WINDOW_MS, STANDARD_WINDOW_MS, WINDOW_SAFETY_MARGIN_MS } from "@/lib/policy/window-policy";
import type { ReportRange } from "./report-range";

export type Sql = Prisma.Sql;
export const sql = Prisma.sql;

/** Deadlines of the policy, as SQL intervals derived from its constants (not restated here). */
export const STANDARD_DEADLINE = Prisma.raw(`interval '${(STANDARD_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS) / 1000} seconds'`);
export const HUMAN_AGENT_DEADLINE = Prisma.raw(`interval '${(HUMAN_AGENT_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS) / 1000} seconds'`);

/** The private-reply deadline after a comment's Meta time, from the policy's constants. */
export const PRIVATE_REPLY_DEADLINE = Prisma.raw(`interval '${(PRIVATE_REPLY_WINDOW_MS - WINDOW_SAFETY_MARGIN_MS) / 1000} seconds'`);

const ALIAS = /^[a-z_][a-z0-9_]*$/;
function alias(name: string) {
  if (!ALIAS.test(name)) throw new Error(`report-sql: bad alias ${name}`);
  return Prisma.raw(name);
}

/** OPENER (see above) for the messages row aliased `m`. */
export const isOpener = (m: string) =>
  sql`(${alias(m)}.direction = 'INBOUND' AND ${alias(m)}.sender_kind = 'CONTACT' AND coalesce(${alias(m)}.payload->>'quickReply', '') NOT LIKE ${`${CSAT_QUICK_REPLY_PREFIX}%`})`;

/** REPLY (see above) for the messages row aliased `m`. */
export const isReply = (m: string) =>
  sql`(${alias(m)}.direction = 'OUTBOUND' AND ${alias(m)}.kind = 'MESSAGE' AND (${alias(m)}.send_status IS NULL OR ${alias(m)}.send_status = 'SENT')
       AND NOT EXISTS (SELECT 1 FROM csat_surveys cs WHERE cs.message_id = ${alias(m)}.id))`;

/** REPLY TURN (see above): the longest gap between a file message and the rest of the same reply. */
export const TURN_GAP = Prisma.raw(`interval '2 minutes'`);

/** Who a reply is attributed to: the agent's id, or the sender kind for replies without an agent. */
export const replySenderKey = (m: string) =>
  sql`CASE WHEN ${alias(m)}.sender_kind = 'AGENT' THEN coalesce(${alias(m)}.agent_id::text, 'AGENT') ELSE ${alias(m)}.sender_kind::text END`;

export interface ReportScope {
  accountId: string;
  /** IANA zone of the account: the range's days and the hour buckets are local to it. */
  timeZone: string;
  range: ReportRange;
  channelId?: string;
  platform?: "MESSENGER" | "INSTAGRAM";
  /** Deadlines after this have not passed yet. */
  now: Date;
}

/** First instant of the range: local midnight starting `from` (Postgres applies the zone's DST rules). */
export const rangeStart = (s: Pick<ReportScope, "range" | "timeZone">) => sql`((${s.range.from}::date)::timestamp AT TIME ZONE ${s.timeZone})`;
/** First instant after the range: local midnight ending `to`. */
export const rangeEnd = (s: Pick<ReportScope, "range" | "timeZone">) => sql`((${s.range.to}::date + 1)::timestamp AT TIME ZONE ${s.timeZone})`;

/**
 * SELECT of the REPLY TURNs (see above) started in [start, end) of the account, optionally restricted by
 * `where` on the messages row `m`: every column of the turn's first message, plus sender_key.
 */
export function replyTurnsSql({ accountId, start, end, where }: { accountId: string; start: Sql; end: Sql; where?: Sql }): Sql {
  return sql`
    SELECT t.* FROM (
      SELECT m.*, ${replySenderKey("m")} AS sender_key, ${isReply("m")} AS is_reply,
             lag(${isReply("m")}) OVER w AS prev_is_reply,
             lag(${replySenderKey("m")}) OVER w AS prev_sender_key,
             lag(m.text IS NULL) OVER w AS prev_files_only,
             lag(m.sent_at) OVER w AS prev_sent_at
        FROM messages m
       WHERE m.account_id = ${accountId}::uuid AND (${isOpener("m")} OR ${isReply("m")})
         AND m.sent_at >= ${start} - ${TURN_GAP} AND m.sent_at < ${end} ${where ?? Prisma.empty}
      WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.sent_at, m.id)
    ) t
     WHERE t.is_reply AND t.sent_at >= ${start}
       AND NOT (coalesce(t.prev_is_reply, false) AND t.prev_sender_key = t.sender_key AND t.prev_files_only AND t.sent_at - t.prev_sent_at <= ${TURN_GAP})`;
}

/** Restricts rows whose channel is `<a>.channel_id` to the scope's channel / platform (account checked by the caller). */
export function channelFilter(a: string, scope: Pick<ReportScope, "accountId" | "channelId" | "platform">): Sql {
  const parts: Sql[] = [];
  if (scope.channelId) parts.push(sql`AND ${alias(a)}.channel_id = ${scope.channelId}::uuid`);
  if (scope.platform) {
    parts.push(
      sql`AND ${alias(a)}.channel_id IN (SELECT ch.id FROM channels ch WHERE ch.account_id = ${scope.accountId}::uuid AND ch.platform = ${scope.platform}::platform)`,
    );
  }
  return parts.length ? Prisma.join(parts, " ") : Prisma.empty;
}

export interface LapseScope {
  accountId: string;
  now: Date;
  /** Only lapses whose deadline falls in [start, end); all when absent. */
  start?: Sql;
  end?: Sql;
  /** Extra conditions on the opener `o` (channel, conversation). */
  where?: Sql;
}

/**
 * SELECT of every WINDOW LAPSE (see above): opener_id, conversation_id, channel_id, opened_at, deadline,
 * window ('24h' | '7d'). Use as a CTE or subquery.
 */
export function windowLapsesSql(scope: LapseScope): Sql {
  const windows = sql`(VALUES ('24h', ${STANDARD_DEADLINE}), ('7d', ${HUMAN_AGENT_DEADLINE}))`;
  return sql`
    SELECT o.id AS opener_id, o.conversation_id, o.channel_id, o.sent_at AS opened_at, o.sent_at + w.span AS deadline, w.name AS window
      FROM messages o
      CROSS JOIN ${windows} AS w(name, span)
     WHERE o.account_id = ${scope.accountId}::uuid
       AND ${isOpener("o")}
       AND o.sent_at + w.span <= ${scope.now.toISOString()}::timestamptz
       ${scope.start ? sql`AND o.sent_at >= ${scope.start} - w.span` : Prisma.empty}
       ${scope.end ? sql`AND o.sent_at < ${scope.end} - w.span` : Prisma.empty}
       ${scope.where ?? Prisma.empty}
       AND NOT EXISTS (
         SELECT 1 FROM messages n
          WHERE n.conversation_id = o.conversation_id
            AND n.sent_at >= o.sent_at
            AND n.sent_at < o.sent_at + w.span
            AND n.id <> o.id
            AND (${isReply("n")} OR (${isOpener("n")} AND (n.sent_at > o.sent_at OR n.id > o.id)))
       )
       AND ${actionableAtDeadlineSql()}`;
}

/**
 * Whether the team could act on the window of opener `o` (span `w.span`) when it ended: the channel was
 * connected at the deadline, and the conversation was in the inbox — not resolved after the opener. Windows that
 * fail it are nobody's miss (WINDOW LAPSE above, and the window-closures report).
 */
export function actionableAtDeadlineSql(): Sql {
  return sql`
       -- The channel was connected at the deadline.
       coalesce(
         (SELECT e.type = 'channel.connected' FROM audit_events e
           WHERE e.account_id = o.account_id AND e.type IN ('channel.connected', 'channel.disconnected')
             AND e.data->>'channelId' = o.channel_id::text AND e.created_at <= o.sent_at + w.span
           ORDER BY e.created_at DESC, e.id DESC LIMIT 1),
         (SELECT ch.created_at <= o.sent_at + w.span AND (ch.disconnected_at IS NULL OR ch.disconnected_at > o.sent_at + w.span)
            FROM channels ch WHERE ch.id = o.channel_id))
       -- The conversation was in the inbox at the deadline: not resolved after the opener.
       AND coalesce(
         (SELECT s.data->>'to' <> 'RESOLVED' FROM audit_events s
           WHERE s.conversation_id = o.conversation_id AND s.type = 'conversation.status_changed'
             AND s.created_at >= o.sent_at AND s.created_at < o.sent_at + w.span
           ORDER BY s.created_at DESC, s.id DESC LIMIT 1),
         true)`;
}

/**
 * SELECT of every answered WAIT (see above) whose answer was sent in the scope's range: conversation_id,
 * channel_id, sender_key, answer_id, answered_at, wait_started_at, seconds, and is_first_wait (the
 * conversation's first wait answered in the range: FIRST-RESPONSE TIME), and is_conversation_first_wait (no
 * reply before it, ever: the SLA's first response). `teamOnly`: automation's replies answer nothing (SLA).
 */
export function answeredWaitsSql(scope: ReportScope, { teamOnly = false }: { teamOnly?: boolean } = {}): Sql {
  const start = rangeStart(scope);
  const end = rangeEnd(scope);
  // SLA: only the team's replies answer (an agent's, or another app's such as Meta's inbox); our automation
  // (the out-of-hours auto-reply) answers nothing.
  const answers = (m: string) => (teamOnly ? sql`(${isReply(m)} AND ${alias(m)}.sender_kind <> 'OUR_APP')` : isReply(m));
  return sql`
    WITH answered_conversations AS (
      SELECT DISTINCT m.conversation_id FROM messages m
       WHERE m.account_id = ${scope.accountId}::uuid AND ${answers("m")}
         AND m.sent_at >= ${start} AND m.sent_at < ${end} ${channelFilter("m", scope)}
    ), events AS (
      SELECT m.conversation_id, m.channel_id, m.id, m.sent_at, (m.direction = 'OUTBOUND') AS is_reply, ${replySenderKey("m")} AS sender_key
        FROM messages m JOIN answered_conversations a ON a.conversation_id = m.conversation_id
       WHERE m.account_id = ${scope.accountId}::uuid AND m.sent_at < ${end} AND (${isOpener("m")} OR ${answers("m")})
    ), numbered AS (
      SELECT e.*, count(*) FILTER (WHERE e.is_reply) OVER (PARTITION BY e.conversation_id ORDER BY e.sent_at, e.is_reply, e.id) AS replies_through
        FROM events e
    ), waits AS (
      SELECT conversation_id, replies_through AS replies_before, min(sent_at) AS started_at
        FROM numbered WHERE NOT is_reply GROUP BY conversation_id, replies_through
    )
    SELECT a.*, (row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.answered_at, a.answer_id) = 1) AS is_first_wait
      FROM (
        SELECT r.conversation_id, r.channel_id, r.sender_key, r.id AS answer_id, r.sent_at AS answered_at, w.started_at AS wait_started_at,
               extract(epoch FROM r.sent_at - w.started_at)::float8 AS seconds, (w.replies_before = 0) AS is_conversation_first_wait
          FROM numbered r JOIN waits w ON w.conversation_id = r.conversation_id AND w.replies_before = r.replies_through - 1
         WHERE r.is_reply AND r.sent_at >= ${start}
      ) a`;
}

/** COMMENT (see above) for the comments row aliased `c`. */
export const isPersonComment = (c: string) => sql`(NOT ${alias(c)}.by_page AND ${alias(c)}.meta_comment_id IS NOT NULL)`;

/** The comment a Page comment `r` answers (PUBLIC ANSWER, see above): by its comment.replied audit, else its parent. */
export const answeredCommentId = (r: string) => sql`coalesce(
  (SELECT (e.data->>'commentId')::uuid FROM audit_events e
    WHERE e.account_id = ${alias(r)}.account_id AND e.type = 'comment.replied' AND e.data->>'replyId' = ${alias(r)}.id::text
    ORDER BY e.created_at LIMIT 1),
  (SELECT p.id FROM comments p WHERE p.channel_id = ${alias(r)}.channel_id AND p.meta_comment_id = ${alias(r)}.parent_meta_id))`;

/**
 * SELECT of every PUBLIC and PRIVATE ANSWER (see above) of the account's COMMENTs: comment_id, kind
 * ('public' | 'private'), answered_at, agent_id (null for replies written in another app).
 */
export function commentAnswersSql(accountId: string): Sql {
  return sql`
    SELECT x.comment_id, x.kind, x.answered_at, x.agent_id FROM (
      SELECT ${answeredCommentId("r")} AS comment_id,
             'public' AS kind, r.meta_created_at AS answered_at, r.agent_id
        FROM comments r
       WHERE r.account_id = ${accountId}::uuid AND r.by_page AND r.parent_meta_id IS NOT NULL
         AND (r.send_status IS NULL OR r.send_status = 'SENT')
      UNION ALL
      SELECT m.private_reply_comment_id, 'private', m.sent_at, m.agent_id
        FROM messages m
       WHERE m.account_id = ${accountId}::uuid AND m.private_reply_comment_id IS NOT NULL AND m.send_status = 'SENT'
    ) x
    JOIN comments c ON c.id = x.comment_id AND ${isPersonComment("c")}`;
}

/**
 * SELECT of every PRIVATE REPLY EXPIRED UNANSWERED (see above): comment_id, channel_id, deadline — deadlines
 * in [start, end) when given, always ≤ now. Extra conditions on the comment `c` in `where`.
 */
export function expiredCommentsSql({ accountId, now, start, end, where }: { accountId: string; now: Date; start?: Sql; end?: Sql; where?: Sql }): Sql {
  return sql`
    WITH first_answers AS (
      SELECT a.comment_id, min(a.answered_at) AS first_at FROM (${commentAnswersSql(accountId)}) a GROUP BY a.comment_id
    )
    SELECT c.id AS comment_id, c.channel_id, c.meta_created_at + ${PRIVATE_REPLY_DEADLINE} AS deadline
      FROM comments c
      LEFT JOIN first_answers f ON f.comment_id = c.id
     WHERE c.account_id = ${accountId}::uuid AND ${isPersonComment("c")} AND NOT c.is_live
       AND c.meta_created_at + ${PRIVATE_REPLY_DEADLINE} <= ${now.toISOString()}::timestamptz
       ${start ? sql`AND c.meta_created_at >= ${start} - ${PRIVATE_REPLY_DEADLINE}` : Prisma.empty}
       ${end ? sql`AND c.meta_created_at < ${end} - ${PRIVATE_REPLY_DEADLINE}` : Prisma.empty}
       ${where ?? Prisma.empty}
       AND (c.deleted_at IS NULL OR c.deleted_at >= c.meta_created_at + ${PRIVATE_REPLY_DEADLINE})
       AND (f.first_at IS NULL OR f.first_at >= c.meta_created_at + ${PRIVATE_REPLY_DEADLINE})
       AND coalesce(
         (SELECT s.data->>'to' <> 'RESOLVED' FROM audit_events s
           WHERE s.account_id = c.account_id AND s.type = 'comment.status_changed' AND s.data->>'commentId' = c.id::text
             AND s.created_at <= c.meta_created_at + ${PRIVATE_REPLY_DEADLINE}
           ORDER BY s.created_at DESC, s.id DESC LIMIT 1),
         true)`;
}
