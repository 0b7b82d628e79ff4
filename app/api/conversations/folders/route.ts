import { readQuery, withAgent } from "@/lib/api/handler";
import { countFolders } from "@/lib/conversations/count-unread-by-folder";
import { folderCountsQuerySchema } from "@/lib/validations/conversations";

/**
 * GET /api/conversations/folders?channelId=&platform= → { unread: { mine, unassigned, all, expiring, closed, snoozed,
 * resolved }, expiring: <conversations in Expiring soon> }
 */
export const GET = withAgent(async (request, { agent }) => {
  const filters = readQuery(request, folderCountsQuerySchema);
  return Response.json(await countFolders(agent, filters));
});
