// The SQL of the conversation list and the folder counts, built in one place so that the API, the folder
// counts and the benchmark (scripts/bench/inbox.ts, which runs this exact SQL raw next to the API) agree.
// One statement per page: no N+1, no OFFSET. Each folder is written so an existing index answers it in
// order (see prisma/schema.prisma):
//   mine / unassigned     conversations_inbox_assignee_idx (account, assignee, status, last_message_at, id)
//   all                   conversations_inbox_all_idx      (account, last_message_at, id), resolved filtered out
//   snoozed / resolved    conversations_inbox_status_idx   (account, status, last_message_at, id)
//   expiring / closed     conversations_window_idx         (account, last_inbound_at): bounded ranges
//   search                a rare term: its matches from contacts_search_trgm_idx (name and @username, case and
//                         accents folded: search-fold.ts) / messages_text_trgm_idx (pg_trgm);
//                         a frequent term: the folder's index in order, checking each conversation's messages
//                         (see searchProbeSql for how the two are told apart)
//
// Pure: builds text and parameters, runs nothing.
import type { Platform } from "@/lib/policy/window-policy";
import { closingFolderBounds, FOLDER_SORT, HUMAN_AGENT_CUTOFF_MS, STANDARD_CUTOVER_MS, windowFolderBounds, type InboxFolder } from "./inbox-folders";
import { LIST_COLUMNS, LIST_JOINS } from "./conversation-view";
import type { ListCursor } from "./list-cursor";
import { CONTACT_SEARCH_TEXT_SQL, foldForSearch } from "./search-fold";

export interface ConversationListSpec {
  accountId: string;
  /** The signed-in agent ("Mine"). */
  agentId: string;
  /** The channels to show; null means every channel of the account. */
  channelIds: string[] | null;
  platform: Platform | null;
  /** Only conversations carrying this label (the folder counts ignore it). */
  labelId?: string | null;
  folder: InboxFolder;
  /**
   * Contact name, Instagram username (`vale`, `@vale.bianchi`) or message text, matched as a substring; case is
   * ignored everywhere, accents in names and usernames (search-fold.ts).
   */
  search: string | null;
  /**
   * How a search finds its conversations: "candidates" collects every match through the trigram indexes
   * first (fast when a term is rare), "scan" walks the folder in order and stops after one page of matches
   * (fast when a term is frequent), "scan-names" walks the folder checking names but collects the (rare)
   * message matches first. All return the same rows.
   */
  searchStrategy?: SearchStrategy;
  cursor: ListCursor | null;
  /**
   * When the team is next open (lib/business-hours): "Before closing" lists the conversations
   * waiting for a reply whose window mode ends before it. Null or absent: no business hours, the folder is empty.
   */
  closingBefore?: Date | null;
  /** Rows to fetch (the page size plus one, to know whether there is a next page). */
  limit: number;
  now: Date;
}

export type SearchStrategy = "candidates" | "scan" | "scan-names";

export interface SqlStatement {
  text: string;
  values: unknown[];
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return `$${this.values.length}${cast ? `::${cast}` : ""}`;
  }
}

/** `%term%` for ILIKE, with LIKE's wildcards in the term taken literally. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function interval(ms: number, p: Params): string {
  return p.add(`${ms} milliseconds`, "interval");
}

function folderCondition(spec: Pick<ConversationListSpec, "folder" | "agentId" | "now" | "closingBefore">, p: Params): string {
  switch (spec.folder) {
    case "mine":
      return `c.status = 'OPEN' AND c.assignee_id = ${p.add(spec.agentId, "uuid")}`;
    case "unassigned":
      return `c.status = 'OPEN' AND c.assignee_id IS NULL`;
    case "all":
      return `c.status <> 'RESOLVED'`;
    case "expiring": {
      const b = windowFolderBounds(spec.now);
      return `c.status <> 'RESOLVED' AND (
        (c.last_inbound_at > ${p.add(b.standardExpiring.after, "timestamptz")} AND c.last_inbound_at <= ${p.add(b.standardExpiring.upTo, "timestamptz")})
        OR (ch.human_agent_enabled AND c.last_inbound_at > ${p.add(b.humanAgentExpiring.after, "timestamptz")} AND c.last_inbound_at <= ${p.add(b.humanAgentExpiring.upTo, "timestamptz")}))`;
    }
    case "closing": {
      // closingDeadline (inbox-folders.ts): waiting for the team, and the window mode ends before the reopening.
      if (!spec.closingBefore) return "false";
      const b = closingFolderBounds(spec.now, spec.closingBefore);
      return `c.status <> 'RESOLVED' AND c.last_message_direction = 'INBOUND' AND (
        (c.last_inbound_at > ${p.add(b.standard.after, "timestamptz")} AND c.last_inbound_at <= ${p.add(b.standard.upTo, "timestamptz")})
        OR (ch.human_agent_enabled AND c.last_inbound_at > ${p.add(b.humanAgent.after, "timestamptz")} AND c.last_inbound_at <= ${p.add(b.humanAgent.upTo, "timestamptz")}))`;
    }
    case "closed": {
      // isWindowClosed (inbox-folders.ts): 7 days passed, or 24 h on a channel without the Human Agent feature.
      const b = windowFolderBounds(spec.now);
      return `c.status <> 'RESOLVED' AND (c.last_inbound_at <= ${p.add(b.closedUpTo, "timestamptz")}
        OR (NOT ch.human_agent_enabled AND c.last_inbound_at <= ${p.add(b.closedWithoutHumanAgentUpTo, "timestamptz")}))`;
    }
    case "snoozed":
      return `c.status = 'SNOOZED'`;
    case "resolved":
      return `c.status = 'RESOLVED'`;
  }
}

function scopeConditions(spec: Pick<ConversationListSpec, "accountId" | "channelIds" | "platform" | "labelId">, p: Params): string[] {
  // A disconnected channel's threads leave the working inbox (nobody can reply there); review keeps them.
  const conditions = [`c.account_id = ${p.add(spec.accountId, "uuid")}`, `c.last_message_at IS NOT NULL`, `ch.disconnected_at IS NULL`];
  if (spec.channelIds) conditions.push(`c.channel_id = ANY(${p.add(spec.channelIds, "uuid[]")})`);
  if (spec.platform) conditions.push(`ch.platform = ${p.add(spec.platform, "platform")}`);
  if (spec.labelId) conditions.push(`EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ${p.add(spec.labelId, "uuid")})`);
  return conditions;
}

/** One keyset page of a folder; rows carry `sort_at`, the folder's sort key, for the next cursor. */
export function conversationListSql(spec: ConversationListSpec): SqlStatement {
  if (FOLDER_SORT[spec.folder] === "deadline_asc") return expiringListSql(spec);
  const p = new Params();
  const conditions = [...scopeConditions(spec, p), folderCondition(spec, p)];
  const search = searchCondition(spec, p);
  if (search) conditions.push(search);
  const sortKey = FOLDER_SORT[spec.folder] === "last_inbound_desc" ? "c.last_inbound_at" : "c.last_message_at";
  if (spec.cursor) conditions.push(`(${sortKey}, c.id) < (${p.add(spec.cursor.at, "timestamptz")}, ${p.add(spec.cursor.id, "uuid")})`);
  const text = `SELECT ${LIST_COLUMNS}, ${sortKey} AS sort_at
  FROM conversations c
  ${LIST_JOINS}
  WHERE ${conditions.join("\n    AND ")}
  ORDER BY ${sortKey} DESC, c.id DESC
  LIMIT ${p.add(spec.limit, "int")}`;
  return { text, values: p.values };
}

function searchCondition(spec: Pick<ConversationListSpec, "search" | "accountId" | "searchStrategy">, p: Params): string | null {
  if (!spec.search) return null;
  const pattern = p.add(containsPattern(spec.search));
  const folded = p.add(containsPattern(foldForSearch(spec.search)));
  if (spec.searchStrategy === "scan") {
    return `(${CONTACT_SEARCH_TEXT_SQL("p")} ILIKE ${folded} OR EXISTS (
        SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.deleted_at IS NULL AND m.text ILIKE ${pattern}))`;
  }
  if (spec.searchStrategy === "scan-names") {
    // Frequent in names, rare in messages: the few message matches are collected once, through the trigram
    // index, into an array (an InitPlan), instead of reading every walked conversation's messages. (Written
    // as IN (subquery), the planner may turn the walk into a join of whole tables.)
    const account = p.add(spec.accountId, "uuid");
    return `(${CONTACT_SEARCH_TEXT_SQL("p")} ILIKE ${folded} OR c.id = ANY(ARRAY(
        SELECT m.conversation_id FROM messages m WHERE m.account_id = ${account} AND m.deleted_at IS NULL AND m.text ILIKE ${pattern})))`;
  }
  const account = p.add(spec.accountId, "uuid");
  return `c.id IN (
        SELECT m.conversation_id FROM messages m WHERE m.account_id = ${account} AND m.deleted_at IS NULL AND m.text ILIKE ${pattern}
        UNION
        SELECT c2.id FROM contacts p2 JOIN conversations c2 ON c2.contact_id = p2.id
         WHERE p2.account_id = ${account} AND ${CONTACT_SEARCH_TEXT_SQL("p2")} ILIKE ${folded})`;
}

/**
 * Matches beyond which a search term counts as frequent. Collecting every match of a frequent term costs
 * hundreds of milliseconds at a million messages, and walking the folder for a rare one can take seconds;
 * counting up to this many matches through the trigram indexes first (a few milliseconds) picks the right way.
 */
export const SEARCH_FREQUENT_AT = 2000;

/**
 * Counts a search term's matches in messages and in names, each stopping at `cap`: `frequent` when together
 * they reach it, `messagesFrequent` when the messages alone do.
 */
export function searchProbeSql({ accountId, search, cap = SEARCH_FREQUENT_AT }: { accountId: string; search: string; cap?: number }): SqlStatement {
  return {
    text: `SELECT hits + names >= $3 AS frequent, hits >= $3 AS messages_frequent FROM (
          SELECT (SELECT count(*) FROM (SELECT 1 FROM messages m WHERE m.account_id = $1::uuid AND m.deleted_at IS NULL AND m.text ILIKE $2 LIMIT $3) h) AS hits,
                 (SELECT count(*) FROM (SELECT 1 FROM contacts p WHERE p.account_id = $1::uuid AND ${CONTACT_SEARCH_TEXT_SQL("p")} ILIKE $4 LIMIT $3) n) AS names) counts`,
    values: [accountId, containsPattern(search), cap, containsPattern(foldForSearch(search))],
  };
}

/**
 * "Expiring soon", nearest deadline first. Within each of the two windows the deadline is lastInboundAt plus
 * a constant, so each is read in conversations_window_idx order and stops after one page; the two short
 * lists are then merged. (Filtering both ranges first and sorting them all would read every expiring
 * conversation's row for each page.)
 */
function expiringListSql(spec: ConversationListSpec): SqlStatement {
  const p = new Params();
  const closing = spec.folder === "closing";
  if (closing && !spec.closingBefore) return { text: `SELECT ${LIST_COLUMNS}, NULL::timestamptz AS sort_at FROM conversations c ${LIST_JOINS} WHERE false`, values: [] };
  const windows = windowFolderBounds(spec.now);
  const closingBounds = closing ? closingFolderBounds(spec.now, spec.closingBefore!) : null;
  const bounds = closingBounds
    ? { standardExpiring: closingBounds.standard, humanAgentExpiring: closingBounds.humanAgent }
    : { standardExpiring: windows.standardExpiring, humanAgentExpiring: windows.humanAgentExpiring };
  const limit = p.add(spec.limit, "int");
  const search = searchCondition(spec, p);
  const range = (window: { after: Date; upTo: Date }, offsetMs: number, humanAgentOnly: boolean) => {
    const offset = interval(offsetMs, p);
    const conditions = [
      ...scopeConditions(spec, p),
      `c.status <> 'RESOLVED'`,
      `c.last_inbound_at > ${p.add(window.after, "timestamptz")}`,
      `c.last_inbound_at <= ${p.add(window.upTo, "timestamptz")}`,
    ];
    if (humanAgentOnly) conditions.push("ch.human_agent_enabled");
    if (closing) conditions.push("c.last_message_direction = 'INBOUND'");
    if (search) conditions.push(search);
    if (spec.cursor) {
      conditions.push(`(c.last_inbound_at + ${offset}, c.id) > (${p.add(spec.cursor.at, "timestamptz")}, ${p.add(spec.cursor.id, "uuid")})`);
    }
    return `(SELECT c.id, c.last_inbound_at + ${offset} AS sort_at
       FROM conversations c JOIN channels ch ON ch.id = c.channel_id${search ? " JOIN contacts p ON p.id = c.contact_id" : ""}
      WHERE ${conditions.join("\n        AND ")}
      ORDER BY c.last_inbound_at, c.id
      LIMIT ${limit})`;
  };
  const text = `SELECT ${LIST_COLUMNS}, page.sort_at
  FROM (${range(bounds.standardExpiring, STANDARD_CUTOVER_MS, false)}
        UNION ALL
        ${range(bounds.humanAgentExpiring, HUMAN_AGENT_CUTOFF_MS, true)}) page
  JOIN conversations c ON c.id = page.id
  ${LIST_JOINS}
  ORDER BY page.sort_at, page.id
  LIMIT ${limit}`;
  return { text, values: p.values };
}

export type FolderCountsSpec = Pick<ConversationListSpec, "accountId" | "agentId" | "channelIds" | "platform" | "now" | "closingBefore">;

/** Conversations with unread messages per folder, in one pass over the unread ones. */
export function folderUnreadCountsSql(spec: FolderCountsSpec, folders: readonly InboxFolder[]): SqlStatement {
  const p = new Params();
  const conditions = [...scopeConditions(spec, p), `c.unread_count > 0`];
  const counts = folders.map((folder) => `count(*) FILTER (WHERE ${folderCondition({ ...spec, folder }, p)})::int AS "${folder}"`);
  const text = `SELECT ${counts.join(",\n       ")}
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  WHERE ${conditions.join("\n    AND ")}`;
  return { text, values: p.values };
}

/** How many conversations a folder lists (read or not); Expiring soon's badge shows it while any are in it. */
export function folderTotalCountSql(spec: FolderCountsSpec, folder: InboxFolder): SqlStatement {
  const p = new Params();
  const conditions = [...scopeConditions(spec, p), folderCondition({ ...spec, folder }, p)];
  const text = `SELECT count(*)::int AS total
  FROM conversations c
  JOIN channels ch ON ch.id = c.channel_id
  WHERE ${conditions.join("\n    AND ")}`;
  return { text, values: p.values };
}

/** The strategy a probe's answer calls for (see ConversationListSpec.searchStrategy). */
export function strategyForProbe(probe: { frequent: boolean; messages_frequent: boolean } | undefined): SearchStrategy {
  if (!probe?.frequent) return "candidates";
  return probe.messages_frequent ? "scan" : "scan-names";
}
