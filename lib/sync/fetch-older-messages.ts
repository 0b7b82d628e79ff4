import "server-only";
import { fetchMessagePage } from "@/lib/meta/fetch-message-page";
import type { GraphClient } from "@/lib/meta/graph-client";
import type { GraphConversation } from "@/lib/meta/graph-types";
import { isDetailed, type GraphConversationImport } from "./import-graph-conversation";

/** A thread with more pages than this is marked incomplete rather than read to its first message. */
const MAX_EXTRA_MESSAGE_PAGES = 8;

/**
 * Completes a conversation page for import. The list call already carries each thread's newest 25 messages;
 * only when Meta details all of them and says there are more (it details only the 20 most recent, so this
 * happens only where that rule is off) do we follow the thread's own `messages` paging — the one
 * per-conversation call Meta requires. Otherwise the thread is marked "earlier history not available".
 */
export async function fetchOlderMessages(
  graph: GraphClient,
  conversations: GraphConversation[],
  access: { token: string; owner: string },
): Promise<{ imports: GraphConversationImport[]; calls: number }> {
  let calls = 0;
  const imports: GraphConversationImport[] = [];
  for (const conversation of conversations) {
    const first = conversation.messages;
    let historyIncomplete = !(first?.data ?? []).every(isDetailed);
    const olderMessages: NonNullable<GraphConversation["messages"]>["data"] = [];
    let after = first?.paging?.next ? (first.paging.cursors?.after ?? null) : null;
    // Older pages are read only while Meta details what it lists; otherwise there is nothing to gain.
    let pages = 0;
    while (after && !historyIncomplete) {
      if (pages >= MAX_EXTRA_MESSAGE_PAGES) break;
      const page = await fetchMessagePage(graph, { conversationId: conversation.id, token: access.token, owner: access.owner, after });
      calls++;
      pages++;
      olderMessages.push(...page.data);
      historyIncomplete = !page.data.every(isDetailed);
      after = page.paging?.next ? (page.paging.cursors?.after ?? null) : null;
    }
    const listedAll = after === null;
    imports.push({ conversation, olderMessages, historyIncomplete: historyIncomplete || !listedAll, listedAll });
  }
  return { imports, calls };
}
