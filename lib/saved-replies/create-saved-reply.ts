import "server-only";
import { assertChannelsInAccount } from "@/lib/agents/assert-channels-in-account";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { CreateSavedReplyInput } from "@/lib/validations/saved-replies";
import { isShortcutTaken, shortcutTaken } from "./shortcut-taken";
import { savedReplySelect, toSavedReplyView, type SavedReplyView } from "./saved-reply-view";

/** A manager's or admin's new saved reply (the route checks the role). 409 when the shortcut is taken. */
export async function createSavedReply({ actor, input }: { actor: SessionAgent; input: CreateSavedReplyInput }): Promise<SavedReplyView> {
  const channelIds = [...new Set(input.channelIds)];
  try {
    return await db.$transaction(async (tx) => {
      await assertChannelsInAccount(tx, actor.accountId, channelIds);
      const row = await tx.savedReply.create({
        data: {
          accountId: actor.accountId,
          name: input.name,
          shortcut: input.shortcut,
          text: input.text,
          createdById: actor.id,
          channels: { create: channelIds.map((channelId) => ({ channelId })) },
        },
        select: savedReplySelect,
      });
      await recordAuditEvent(
        { accountId: actor.accountId, actorId: actor.id, type: "saved_reply.created", data: { savedReplyId: row.id, shortcut: row.shortcut, channelIds } },
        tx,
      );
      return toSavedReplyView(row);
    });
  } catch (error) {
    if (isShortcutTaken(error)) throw shortcutTaken(input.shortcut);
    throw error;
  }
}
