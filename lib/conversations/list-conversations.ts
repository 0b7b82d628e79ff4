import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Platform } from "@/lib/policy/window-policy";
import { closingBeforeFor } from "@/lib/sla/closing-before";
import { chooseSearchStrategy } from "./choose-search-strategy";
import { conversationListSql } from "./conversation-list-sql";
import { toConversationListItem, type ConversationListItem, type ConversationListRow } from "./conversation-view";
import { DEFAULT_FOLDER, type InboxFolder } from "./inbox-folders";
import { decodeListCursor, encodeListCursor } from "./list-cursor";

export type { ConversationListItem } from "./conversation-view";

export interface ListConversationsQuery {
  folder?: InboxFolder;
  channelId?: string;
  platform?: Platform;
  labelId?: string;
  /** Contact name or message text. */
  q?: string;
  cursor?: string;
  limit: number;
}

/**
 * The channels a view shows: the agent's channels (all of the account for managers), narrowed to one
 * channel when asked. An empty list means the view is empty; null means the whole account.
 */
export async function viewChannelIds(agent: SessionAgent, channelId: string | undefined): Promise<string[] | null> {
  const scope = await accessibleChannelIds(agent);
  if (!channelId) return scope;
  // A channel outside the agent's own narrows to nothing rather than widening the scope.
  return scope && !scope.includes(channelId) ? [] : [channelId];
}

/**
 * One keyset page of a folder of the conversations an agent may see. Written in SQL (one statement, see
 * conversation-list-sql.ts) because it is the inbox's hottest read and must stay fast at 100,000
 * conversations.
 */
export async function listConversations(
  agent: SessionAgent,
  query: ListConversationsQuery,
  { now = new Date() }: { now?: Date } = {},
): Promise<{ conversations: ConversationListItem[]; nextCursor: string | null }> {
  const cursor = query.cursor ? decodeListCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw AppError.invalid("The cursor is not valid; start again from the first page.");
  const channelIds = await viewChannelIds(agent, query.channelId);
  if (channelIds?.length === 0) return { conversations: [], nextCursor: null };
  const searchStrategy = query.q ? await chooseSearchStrategy({ accountId: agent.accountId, search: query.q }) : undefined;
  const folder = query.folder ?? DEFAULT_FOLDER;
  const closingBefore = folder === "closing" ? await closingBeforeFor(agent.accountId, now) : null;
  const { text, values } = conversationListSql({
    accountId: agent.accountId,
    agentId: agent.id,
    channelIds,
    platform: query.platform ?? null,
    labelId: query.labelId ?? null,
    folder,
    closingBefore,
    search: query.q ?? null,
    searchStrategy,
    cursor,
    limit: query.limit + 1,
    now,
  });
  const { rows } = await pool.query<ConversationListRow & { sort_at: Date | null }>(text, values);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    conversations: page.map(toConversationListItem),
    nextCursor: rows.length > query.limit && last?.sort_at ? encodeListCursor({ at: last.sort_at, id: last.id }) : null,
  };
}
