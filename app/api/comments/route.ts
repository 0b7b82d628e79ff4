import { readQuery, withAgent } from "@/lib/api/handler";
import { listComments } from "@/lib/comments/list-comments";
import { commentListQuerySchema } from "@/lib/validations/comments";

/**
 * GET /api/comments?status=open|resolved&channel=&cursor= → { comments: [{id, channel, post: {id, permalink,
 * caption, isAd, …}, from: {id, name|username}, text, createdAt, privateReply: {allowed, deadline, sentAt,
 * messageId, …}, publicReplies: […]}], nextCursor }
 */
export const GET = withAgent(async (request, { agent }) => {
  const { status, channel, cursor } = readQuery(request, commentListQuerySchema);
  return Response.json(await listComments({ agent, status, channelId: channel, cursor }));
});
