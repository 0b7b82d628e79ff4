import "server-only";
import { assertChannelsInAccount } from "@/lib/agents/assert-channels-in-account";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { UpdateSavedReplyInput } from "@/lib/validations/saved-replies";
import { savedReplySelect, toSavedReplyView, type SavedReplyView } from "./saved-reply-view";
import { isShortcutTaken, shortcutTaken } from "./shortcut-taken";

/** Changes any of name, shortcut, text, channels (channelIds replaces the set). 404 outside the account. */
export async function updateSavedReply({
  actor,
  savedReplyId,
  input,
}: {
  actor: SessionAgent;
  savedReplyId: string;
  input: UpdateSavedReplyInput;
}): Promise<SavedReplyView> {
  const channelIds = input.channelIds ? [...new Set(input.channelIds)] : undefined;
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.savedReply.findFirst({ where: { id: savedReplyId, accountId: actor.accountId }, select: { id: true } });
      if (!existing) throw AppError.notFound("Saved reply");
      if (channelIds) {
        await assertChannelsInAccount(tx, actor.accountId, channelIds);
        await tx.savedReplyChannel.deleteMany({ where: { savedReplyId, channelId: { notIn: channelIds } } });
        await tx.savedReplyChannel.createMany({ data: channelIds.map((channelId) => ({ savedReplyId, channelId })), skipDuplicates: true });
      }
      const row = await tx.savedReply.update({
        where: { id: savedReplyId },
        data: { name: input.name, shortcut: input.shortcut, text: input.text },
        select: savedReplySelect,
      });
      await recordAuditEvent(
        { accountId: actor.accountId, actorId: actor.id, type: "saved_reply.updated", data: { savedReplyId, changed: Object.keys(input).sort() } },
        tx,
      );
      return toSavedReplyView(row);
    });
  } catch (error) {
    if (isShortcutTaken(error)) throw shortcutTaken(input.shortcut ?? "");
    throw error;
  }
}
