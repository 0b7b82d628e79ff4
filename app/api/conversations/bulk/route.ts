import { readJson, withAgent } from "@/lib/api/handler";
import { runBulkAction } from "@/lib/conversations/run-bulk-action";
import { bulkConversationActionSchema } from "@/lib/validations/labels";

/**
 * POST /api/conversations/bulk {conversationIds (1–100), action: {type: "assign", assigneeId} |
 * {type: "label", add?, remove?} | {type: "status", change: {status, snoozedUntil?}}} → 200 { results:
 * [{conversationId, ok, error?}] } — each conversation changed, audited and published on its own.
 */
export const POST = withAgent(async (request, { agent }) => {
  const { conversationIds, action } = await readJson(request, bulkConversationActionSchema);
  return Response.json({ results: await runBulkAction({ actor: agent, conversationIds, action }) });
});
