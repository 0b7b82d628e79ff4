import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { pool } from "@/lib/db";
import type { Platform } from "@/lib/policy/window-policy";
import { folderTotalCountSql, folderUnreadCountsSql } from "./conversation-list-sql";
import { INBOX_FOLDERS, type InboxFolder } from "./inbox-folders";
import { viewChannelIds } from "./list-conversations";
import { closingBeforeFor } from "@/lib/sla/closing-before";

export type FolderUnreadCounts = Record<InboxFolder, number>;

/** Per folder, how many conversations have unread messages, under the same channel/platform filters as the list. */
export async function countUnreadByFolder(
  agent: SessionAgent,
  filters: { channelId?: string; platform?: Platform },
  { now = new Date() }: { now?: Date } = {},
): Promise<FolderUnreadCounts> {
  const channelIds = await viewChannelIds(agent, filters.channelId);
  if (channelIds?.length === 0) return Object.fromEntries(INBOX_FOLDERS.map((f) => [f, 0])) as FolderUnreadCounts;
  const closingBefore = await closingBeforeFor(agent.accountId, now);
  const { text, values } = folderUnreadCountsSql(
    { accountId: agent.accountId, agentId: agent.id, channelIds, platform: filters.platform ?? null, now, closingBefore },
    INBOX_FOLDERS,
  );
  const { rows } = await pool.query<FolderUnreadCounts>(text, values);
  return rows[0]!;
}

/** What the folder list shows: unread conversations per folder, and how many conversations are expiring. */
export interface FolderCounts {
  unread: FolderUnreadCounts;
  /** Conversations in Expiring soon, read or not: its badge stays while any are in it. */
  expiring: number;
}

export async function countFolders(
  agent: SessionAgent,
  filters: { channelId?: string; platform?: Platform },
  { now = new Date() }: { now?: Date } = {},
): Promise<FolderCounts> {
  const channelIds = await viewChannelIds(agent, filters.channelId);
  const unread = await countUnreadByFolder(agent, filters, { now });
  if (channelIds?.length === 0) return { unread, expiring: 0 };
  const { text, values } = folderTotalCountSql(
    { accountId: agent.accountId, agentId: agent.id, channelIds, platform: filters.platform ?? null, now },
    "expiring",
  );
  const { rows } = await pool.query<{ total: number }>(text, values);
  return { unread, expiring: rows[0]!.total };
}
