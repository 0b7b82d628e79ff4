import "server-only";
import { db } from "@/lib/db";
import type { JobContext } from "@/lib/jobs/job-worker";
import { logger } from "@/lib/logger";
import { fetchUserProfile } from "@/lib/meta/fetch-user-profile";
import { findConversationByUser } from "@/lib/meta/find-conversation-by-user";
import type { GraphClient } from "@/lib/meta/graph-client";
import { conversationsGraph, graph as defaultGraph } from "@/lib/meta/graph";
import { publishRealtime } from "@/lib/realtime/publish";
import { channelGraphAccess, recordChannelGraphProblem } from "./channel-graph-access";

/**
 * Job handler of `sync.resolve-contact`, for a person first seen in a webhook (which names only their PSID /
 * IGSID): Meta's thread id through the `user_id` lookup, and — best effort — their name and picture through
 * the User Profile API. A failing profile read is logged and left; the thread id is retried.
 */
export async function resolveContact({ job }: JobContext, clients: { conversations?: GraphClient; profiles?: GraphClient } = {}): Promise<void> {
  const contactId = String(job.payload.contactId);
  const contact = await db.contact.findUnique({
    where: { id: contactId },
    select: { id: true, channelId: true, platformUserId: true, profileFetchedAt: true, conversations: { select: { id: true, metaThreadId: true } } },
  });
  if (!contact || contact.platformUserId.startsWith("user_ref:")) return;
  const access = await channelGraphAccess(contact.channelId);
  if (!access) return;
  const conversation = contact.conversations[0];
  let changed = false;

  if (conversation && !conversation.metaThreadId) {
    try {
      const threadId = await findConversationByUser(clients.conversations ?? conversationsGraph(), {
        pageId: access.channel.pageMetaId,
        platform: access.platform,
        userId: contact.platformUserId,
        token: access.token,
        owner: access.owner,
      });
      if (threadId) {
        changed ||=
          (await db.$executeRaw`
            UPDATE conversations SET meta_thread_id = ${threadId}, updated_at = now()
             WHERE id = ${conversation.id}::uuid AND meta_thread_id IS NULL
               AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.channel_id = ${contact.channelId}::uuid AND o.meta_thread_id = ${threadId})`) > 0;
      }
    } catch (error) {
      if (await recordChannelGraphProblem(contact.channelId, error)) return;
      throw error;
    }
  }

  if (!contact.profileFetchedAt) {
    try {
      const profile = await fetchUserProfile(clients.profiles ?? defaultGraph(), { userId: contact.platformUserId, platform: access.platform, token: access.token });
      const name = profile.name ?? ([profile.first_name, profile.last_name].filter(Boolean).join(" ") || null);
      await db.contact.update({
        where: { id: contact.id },
        data: { name: name ?? undefined, username: profile.username ?? undefined, pictureUrl: profile.profile_pic ?? undefined, profileFetchedAt: new Date() },
      });
      changed = true;
    } catch (error) {
      if (await recordChannelGraphProblem(contact.channelId, error)) return;
      logger.info("profile of a new contact not available (best effort)", { contactId, error });
      await db.contact.update({ where: { id: contact.id }, data: { profileFetchedAt: new Date() } });
    }
  }
  if (changed && conversation) {
    await publishRealtime([{ type: "conversation.updated", accountId: access.channel.accountId, channelId: contact.channelId, conversationId: conversation.id }]);
  }
}
