import "server-only";
import { enqueueJob } from "@/lib/jobs/enqueue-job";
import type { WindowOpener } from "@/lib/policy/window-policy";
import { settleOutboxFromEcho } from "@/lib/send/mark-outbound-sent";
import { applyMessageUpdate, type MessageUpdate } from "@/lib/sync/apply-message-update";
import { importMessages, type MessageImport } from "@/lib/sync/import-messages";
import type { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { reopenConversation } from "@/lib/sync/reopen-conversation";
import { attachmentsFromWebhook } from "@/lib/sync/stored-attachment";
import { resolveContactKey, SYNC_QUEUES } from "@/lib/sync/sync-queues";
import type { Tx } from "@/lib/db";
import { updateConversationSummary, type ConversationChange } from "@/lib/sync/update-conversation-summary";
import { upsertConversation, type SyncChannel } from "@/lib/sync/upsert-conversation";
import type { WebhookItem } from "./parse-webhook";

export interface WebhookItemContext {
  /** Our Meta app id (echoes with another app_id come from Business Suite or another app). */
  ourAppId: string;
  realtime: RealtimeBatch;
}

/**
 * Applies one webhook item for a known channel, inside the caller's transaction. Idempotent (Meta ids and
 * max-wins rules: a replay or a duplicate changes nothing) and independent of arrival order (Meta's
 * timestamps decide). A person we have never seen gets a contact and conversation at once; their thread id
 * and profile are looked up afterwards by a job (webhooks carry neither).
 */
export async function applyWebhookItem(tx: Tx, channel: SyncChannel, item: WebhookItem, context: WebhookItemContext): Promise<void> {
  const platformUserId = item.personId ?? `user_ref:${item.userRef}`;
  const conversation = await upsertConversation(tx, channel, { platformUserId });
  if (conversation.contactCreated && item.personId) {
    await enqueueJob(SYNC_QUEUES.resolveContact, { contactId: conversation.contactId }, { singletonKey: resolveContactKey(conversation.contactId), maxAttempts: 3 }, tx);
  }
  const target = { accountId: channel.accountId, channelId: channel.id, conversationId: conversation.conversationId };
  const { realtime } = context;
  const touched = () => realtime.conversation(channel.accountId, channel.id, conversation.conversationId);

  const importInbound = async (message: MessageImport, opener: WindowOpener, change: ConversationChange) => {
    const [row] = await importMessages(tx, { ...target, source: "webhook" }, [message]);
    const isNew = row!.inserted;
    await updateConversationSummary(tx, conversation.conversationId, {
      ...change,
      opener: { at: item.timestamp, kind: opener },
      unreadIncrement: isNew && message.kind !== "REFERRAL" ? 1 : 0,
    });
    if (isNew) await reopenConversation(tx, { id: conversation.conversationId, accountId: channel.accountId, status: conversation.status }, opener);
    realtime.message(channel.accountId, channel.id, conversation.conversationId, row!.id);
    touched();
  };

  const update = async (mid: string, messageUpdate: MessageUpdate, change: ConversationChange = {}) => {
    const result = await applyMessageUpdate(tx, { channelId: channel.id, conversationId: conversation.conversationId, mid }, messageUpdate);
    if (result.messageId && result.messageChanged) realtime.message(channel.accountId, channel.id, conversation.conversationId, result.messageId);
    if (result.conversationChanged || change.opener) {
      await updateConversationSummary(tx, conversation.conversationId, { ...change, allowBackward: messageUpdate.type === "unsend" });
      touched();
    }
  };

  switch (item.type) {
    case "message": {
      const payload: Record<string, unknown> = {};
      if (item.quickReplyPayload !== null) payload.quickReply = item.quickReplyPayload;
      if (item.referral) payload.referral = item.referral.raw;
      if (item.isUnsupported) payload.unsupported = true;
      await importInbound(
        {
          mid: item.mid,
          kind: "MESSAGE",
          direction: "INBOUND",
          senderKind: "CONTACT",
          appId: null,
          text: item.text,
          attachments: attachmentsFromWebhook(item.attachments),
          payload: Object.keys(payload).length > 0 ? payload : null,
          replyToMid: item.replyToMid,
          sentAt: item.timestamp,
        },
        item.referral?.isAd ? "AD_REFERRAL" : "MESSAGE",
        { adReferralAt: item.referral?.isAd ? item.timestamp : null },
      );
      return;
    }
    case "postback":
      await importInbound(
        {
          mid: item.mid,
          kind: "POSTBACK",
          direction: "INBOUND",
          senderKind: "CONTACT",
          appId: null,
          text: item.title,
          attachments: null,
          payload: { title: item.title, payload: item.payload, ...(item.referral ? { referral: item.referral.raw } : {}) },
          replyToMid: null,
          sentAt: item.timestamp,
        },
        "POSTBACK",
        { adReferralAt: item.referral?.isAd ? item.timestamp : null },
      );
      return;
    case "referral":
      await importInbound(
        {
          mid: item.mid,
          kind: "REFERRAL",
          direction: "INBOUND",
          senderKind: "CONTACT",
          appId: null,
          text: null,
          attachments: null,
          payload: item.referral.raw,
          replyToMid: null,
          sentAt: item.timestamp,
        },
        item.referral.isAd ? "AD_REFERRAL" : "REFERRAL",
        { adReferralAt: item.referral.isAd ? item.timestamp : null },
      );
      return;
    case "echo": {
      // Our own send: settles the outbox message its metadata names (never imported a second time).
      if (await settleOutboxFromEcho(tx, { channelId: channel.id, metadata: item.metadata, mid: item.mid, timestamp: item.timestamp })) return;
      const [row] = await importMessages(tx, { ...target, source: "webhook" }, [
        {
          mid: item.mid,
          kind: "MESSAGE",
          direction: "OUTBOUND",
          // Compared as strings: app ids exceed 2^53.
          senderKind: item.appId !== null && item.appId === context.ourAppId ? "OUR_APP" : "OTHER_APP",
          appId: item.appId,
          text: item.text,
          attachments: attachmentsFromWebhook(item.attachments),
          payload: null,
          replyToMid: item.replyToMid,
          sentAt: item.timestamp,
        },
      ]);
      await updateConversationSummary(tx, conversation.conversationId, {});
      realtime.message(channel.accountId, channel.id, conversation.conversationId, row!.id);
      touched();
      return;
    }
    case "unsend":
      await update(item.mid, { type: "unsend", at: item.timestamp });
      return;
    case "edit":
      await update(item.mid, { type: "edit", text: item.text, editCount: item.editCount, at: item.timestamp });
      return;
    case "reaction":
      await update(
        item.mid,
        { type: "reaction", emoji: item.emoji, reaction: item.reaction, at: item.timestamp },
        // A react opens the window; an unreact does not.
        item.action === "react" ? { opener: { at: item.timestamp, kind: "REACTION" } } : {},
      );
      return;
    case "seen":
      await update(item.mid, { type: "seen", at: item.timestamp });
      return;
    case "read":
      await updateConversationSummary(tx, conversation.conversationId, { readUpTo: item.watermark });
      touched();
      return;
    case "delivery": {
      let deliveredUpTo = item.watermark;
      if (!deliveredUpTo && item.mids.length > 0) {
        const [latest] = await tx.$queryRaw<{ at: Date | null }[]>`
          SELECT max(sent_at) AS at FROM messages WHERE channel_id = ${channel.id}::uuid AND mid = ANY(${item.mids}::text[])`;
        deliveredUpTo = latest?.at ?? null;
      }
      if (deliveredUpTo) {
        await updateConversationSummary(tx, conversation.conversationId, { deliveredUpTo });
        touched();
      }
      return;
    }
  }
}
