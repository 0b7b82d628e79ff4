import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { runConversationCommand } from "./run-conversation-command";

export type LabelChange = { set: string[] } | { add: string[]; remove: string[] };

/**
 * Sets a conversation's labels (PUT: the complete set) or adds / removes some (bulk action), through the one
 * conversation-command path: locked in the actor's scope, audited as `conversation.labels_changed` with what
 * was added and removed, published. Labels of another account are a 400; no change is a no-op.
 */
export async function changeConversationLabels({
  actor,
  conversationId,
  change,
}: {
  actor: SessionAgent;
  conversationId: string;
  change: LabelChange;
}): Promise<{ labelIds: string[] }> {
  return runConversationCommand({ actor, conversationId }, async (tx, conversation) => {
    const named = "set" in change ? change.set : [...change.add, ...change.remove];
    const unique = [...new Set(named)];
    if (unique.length) {
      const found = await tx.label.count({ where: { id: { in: unique }, accountId: actor.accountId } });
      if (found !== unique.length) throw AppError.invalid("Some of these labels do not exist in your account.", { field: "labelIds" });
    }
    const current = (await tx.conversationLabel.findMany({ where: { conversationId: conversation.id }, select: { labelId: true } })).map((l) => l.labelId);
    const wanted = "set" in change ? new Set(change.set) : new Set([...current.filter((id) => !change.remove.includes(id)), ...change.add]);
    const added = [...wanted].filter((id) => !current.includes(id)).sort();
    const removed = current.filter((id) => !wanted.has(id)).sort();
    const labelIds = [...wanted].sort();
    if (added.length === 0 && removed.length === 0) return { changed: false, result: { labelIds } };
    if (removed.length) await tx.conversationLabel.deleteMany({ where: { conversationId: conversation.id, labelId: { in: removed } } });
    if (added.length) await tx.conversationLabel.createMany({ data: added.map((labelId) => ({ conversationId: conversation.id, labelId })), skipDuplicates: true });
    return { changed: true, result: { labelIds }, audit: { type: "conversation.labels_changed", data: { added, removed } } };
  });
}

