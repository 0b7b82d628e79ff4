import { readQuery, withAgent } from "@/lib/api/handler";
import { countUnreadByFolder } from "@/lib/conversations/count-unread-by-folder";
import { folderCountsQuerySchema } from "@/lib/validations/conversations";

/** GET /api/conversations/folders?channelId=&platform= → { unread: { mine, unassigned, all, expiring, closed, snoozed, resolved } } */
export const GET = withAgent(async (request, { agent }) => {
  const filters = readQuery(request, folderCountsQuerySchema);
  return Response.json({ unread: await countUnreadByFolder(agent, filters) });
});
