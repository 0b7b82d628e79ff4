import "server-only";
import { db } from "@/lib/db";
import { enqueueJobs } from "@/lib/jobs/enqueue-job";
import { fetchProfilesKey, resolveThreadsKey, SYNC_QUEUES, type ChannelJobPayload } from "./sync-queues";

type Client = Parameters<typeof enqueueJobs>[1];

/**
 * Makes sure the channels' new contacts get their name and picture (profiles, at once) and their conversations
 * Meta's thread id (paced, it may trail): one job of each kind per channel, whatever the number of new people
 * — a queued job picks them up; a running one, which may have looked already, runs once more when it ends. Inside the caller's transaction when `client` is one.
 */
export async function scheduleContactLookups(channelIds: string[], client: Client = db): Promise<void> {
  // Sorted: two transactions take the channels' job rows in the same order (no deadlock between them).
  const unique = [...new Set(channelIds)].sort();
  if (unique.length === 0) return;
  await enqueueJobs(
    unique.flatMap((channelId) => {
      const payload: ChannelJobPayload = { channelId };
      return [
        { queue: SYNC_QUEUES.fetchProfiles, payload: { ...payload }, singletonKey: fetchProfilesKey(channelId), maxAttempts: 10, rerunIfRunning: true },
        { queue: SYNC_QUEUES.resolveThreads, payload: { ...payload }, singletonKey: resolveThreadsKey(channelId), maxAttempts: 10, rerunIfRunning: true },
      ];
    }),
    client,
  );
}

/** A `sync.resolve-contact` job of before December 2026: the contact's channel gets the per-channel lookups. */
export async function handOverContactLookup(contactId: string): Promise<void> {
  const contact = await db.contact.findUnique({ where: { id: contactId }, select: { channelId: true } });
  if (contact) await scheduleContactLookups([contact.channelId]);
}
