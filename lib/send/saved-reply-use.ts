import "server-only";
import type { SavedReplyUse } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { isSavedReplyEdited, renderSavedReply } from "@/lib/saved-replies/render-saved-reply";

/**
 * The saved reply a send names, rendered again here for this conversation and agent (never taken from the
 * browser) and compared with the text being sent: `edited` false means the agent sent it unchanged — which
 * Meta does not accept as a person-written HUMAN_AGENT reply, so review can find it. A reply the agent may
 * not use here (another account, a channel it is not for, deleted meanwhile) is a 400 and nothing is sent.
 */
export async function savedReplyUse({
  agent,
  channelId,
  contactName,
  savedReplyId,
  sentText,
}: {
  agent: SessionAgent;
  channelId: string;
  contactName: string | null;
  savedReplyId: string;
  sentText: string;
}): Promise<SavedReplyUse> {
  const reply = await db.savedReply.findFirst({
    where: { id: savedReplyId, accountId: agent.accountId, OR: [{ channels: { none: {} } }, { channels: { some: { channelId } } }] },
    select: { id: true, name: true, shortcut: true, text: true },
  });
  if (!reply) {
    const message = "This saved reply is no longer available for this conversation. Send your text again without it.";
    throw AppError.invalid(message, { fields: { savedReplyId: [message] } });
  }
  const rendered = renderSavedReply(reply.text, { contact: { name: contactName }, agent: { name: agent.name } });
  return { id: reply.id, name: reply.name, shortcut: reply.shortcut, edited: isSavedReplyEdited(rendered, sentText) };
}
