import "server-only";
// Every job queue: its name, the schema of its payload and its handler, declared together (lib/jobs/define-job.ts).
// The domain code that enqueues a job names the queue and builds the payload type its schema checks
// (`satisfies z.ZodType<…>` below keeps both sides in step), so lib/jobs stays a generic queue and the
// domains never import the worker. Queue names are stored in the jobs table: never rename one.
import { z } from "zod";
import { refreshDueInstagramTokens } from "@/lib/channels/refresh-instagram-token";
import { wakeSnoozedConversations } from "@/lib/conversations/wake-snoozed-conversations";
import { defineJob, jobHandlers } from "@/lib/jobs/define-job";
import { everyInterval, pruneFinishedJobs } from "@/lib/jobs/periodic-jobs";
import { warnAboutGraphVersion } from "@/lib/meta/warn-graph-version";
import { deliverOutboxJob } from "@/lib/send/deliver-outbox-job";
import { SEND_DELIVER_QUEUE } from "@/lib/send/send-queue";
import { fetchContactProfiles } from "@/lib/sync/fetch-contact-profiles";
import { resolveThreadIds } from "@/lib/sync/resolve-thread-ids";
import { runBackfill } from "@/lib/sync/run-backfill";
import { runReconcile } from "@/lib/sync/run-reconcile";
import { handOverContactLookup } from "@/lib/sync/schedule-contact-lookups";
import { SYNC_QUEUES, type BackfillPayload, type ChannelJobPayload, type ReconcilePayload, type ResolveContactPayload } from "@/lib/sync/sync-queues";
import { pruneUnsentUploads } from "@/lib/uploads/upload-lifecycle";
import { pruneExpiredPresence } from "@/lib/presence/record-presence";
import { AUTO_REPLY_QUEUE, type AutoReplyPayload } from "@/lib/sla/auto-reply-queue";
import { sendOutOfHoursReply } from "@/lib/sla/send-out-of-hours-reply";

const id = z.string().min(1);
const channelPayload = z.object({ channelId: id }) satisfies z.ZodType<ChannelJobPayload>;

/** One outbox message: an attempt, or a wait for its echo (lib/send/deliver-outbox-job.ts). */
export const sendDeliverJob = defineJob({
  name: SEND_DELIVER_QUEUE,
  payload: z.object({ messageId: id }),
  handler: deliverOutboxJob,
});

/** The out-of-hours auto-reply of one conversation (lib/sla/send-out-of-hours-reply.ts). */
export const autoReplyJob = defineJob({
  name: AUTO_REPLY_QUEUE,
  payload: z.object({ conversationId: id, messageId: id }) satisfies z.ZodType<AutoReplyPayload>,
  handler: async ({ payload }) => {
    await sendOutOfHoursReply(payload);
  },
});

export const syncJobs = [
  defineJob({
    name: SYNC_QUEUES.backfill,
    payload: z.object({ syncRunId: id, channelId: id }) satisfies z.ZodType<BackfillPayload>,
    handler: (context) => runBackfill(context),
  }),
  defineJob({
    name: SYNC_QUEUES.reconcile,
    payload: z.object({
      channelId: id,
      mode: z.enum(["periodic", "once"]),
      full: z.boolean().optional(),
      intervalMs: z.number().int().positive().optional(),
    }) satisfies z.ZodType<ReconcilePayload>,
    handler: (context) => runReconcile(context),
  }),
  defineJob({ name: SYNC_QUEUES.fetchProfiles, payload: channelPayload, handler: (context) => fetchContactProfiles(context) }),
  defineJob({ name: SYNC_QUEUES.resolveThreads, payload: channelPayload, handler: (context) => resolveThreadIds(context) }),
  // Jobs of this queue enqueued before December 2026 hand over to the two per-channel lookups above.
  defineJob({
    name: SYNC_QUEUES.resolveContact,
    payload: z.object({ contactId: id }) satisfies z.ZodType<ResolveContactPayload>,
    handler: ({ payload }) => handOverContactLookup(payload.contactId),
  }),
];

/** Process-independent chores: each a singleton job that re-queues itself (lib/jobs/periodic-jobs.ts). */
export const periodicJobs = [
  /** Snoozed conversations come back to their folders on time. */
  defineJob({ name: "conversations.wake-snoozed", payload: z.object({}), handler: everyInterval(60_000, () => wakeSnoozedConversations()) }),
  defineJob({ name: "jobs.prune", payload: z.object({}), handler: everyInterval(60 * 60_000, () => pruneFinishedJobs()) }),
  /** Files agents uploaded but never sent are deleted after their retention. */
  defineJob({ name: "uploads.prune", payload: z.object({}), handler: everyInterval(60 * 60_000, () => pruneUnsentUploads()) }),
  /** The configured Graph API version is checked against Meta's end dates daily (warning 90 days ahead). */
  defineJob({ name: "meta.graph-version-check", payload: z.object({}), handler: everyInterval(24 * 60 * 60_000, () => warnAboutGraphVersion()) }),
  /** Instagram Login tokens are renewed well before their 60 days end (lib/channels/token-refresh-policy.ts). */
  defineJob({ name: "channels.refresh-instagram-tokens", payload: z.object({}), handler: everyInterval(15 * 60_000, () => refreshDueInstagramTokens()) }),
  /** Presence rows of tabs that vanished without a goodbye (reads ignore them already). */
  defineJob({ name: "presence.prune", payload: z.object({}), handler: everyInterval(10 * 60_000, () => pruneExpiredPresence()) }),
];

export const ALL_JOBS = [sendDeliverJob, autoReplyJob, ...syncJobs, ...periodicJobs];

/** The sync's handlers alone (tests and benchmarks that run only the sync). */
export const syncJobHandlers = jobHandlers(syncJobs);
