import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { savedReplySelect, toSavedReplyView, type SavedReplyView } from "./saved-reply-view";

/**
 * The saved replies an agent may use: managers and admins every reply of the account; agents the
 * account-wide ones and those limited to a channel they work. By shortcut.
 */
export async function listSavedReplies(agent: SessionAgent): Promise<SavedReplyView[]> {
  const channelIds = await accessibleChannelIds(agent);
  const rows = await db.savedReply.findMany({
    where: {
      accountId: agent.accountId,
      ...(channelIds ? { OR: [{ channels: { none: {} } }, { channels: { some: { channelId: { in: channelIds } } } }] } : {}),
    },
    select: savedReplySelect,
    orderBy: { shortcut: "asc" },
  });
  return rows.map(toSavedReplyView);
}
