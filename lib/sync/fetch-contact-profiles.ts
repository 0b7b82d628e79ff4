import "server-only";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { RetryJobLater, type JobContext } from "@/lib/jobs/job-worker";
import { logger } from "@/lib/logger";
import { fetchUserProfiles, PROFILES_PER_BATCH } from "@/lib/meta/fetch-user-profile";
import type { GraphClient } from "@/lib/meta/graph-client";
import { isTransientGraphError } from "@/lib/meta/graph-error";
import { graph as defaultGraph } from "@/lib/meta/graph";
import type { GraphUserProfile } from "@/lib/meta/graph-types";
import { publishRealtime } from "@/lib/realtime/publish";
import { channelGraphAccess, recordChannelGraphProblem, type ChannelGraphAccess } from "./channel-graph-access";
import { CONTENT_LIMITS, storableText, storableUrl } from "./storable-content";
import type { ChannelJobPayload } from "./sync-queues";

/**
 * Contacts first seen in a webhook: no name or username yet, never looked up. (A backfill or reconciliation
 * names people from Graph's participants; they are not looked up again.)
 */
export const NEEDS_PROFILE = Prisma.sql`profile_fetched_at IS NULL AND name IS NULL AND username IS NULL AND platform_user_id NOT LIKE 'user\\_ref:%'`;
/** After a throttle or a Meta outage, the channel's remaining profiles are tried again this much later. */
const RETRY_AFTER_MS = 15_000;

/**
 * Job handler of `sync.fetch-profiles` (one per channel): the name, username and picture of every contact
 * first seen in a webhook, through the User Profile API — promptly and many at once, so new people are named
 * within seconds of their first message (the inbox shows "Instagram user" / "Messenger user" until then).
 * Best effort: a profile Meta does not give (privacy, a deleted account) is marked as fetched and left
 * nameless; a throttle or outage retries the rest later; a token or permission error stops at the channel.
 */
export async function fetchContactProfiles({ payload, signal }: JobContext<ChannelJobPayload>, injectedGraph?: GraphClient): Promise<void> {
  const access = await channelGraphAccess(payload.channelId);
  if (!access) return;
  const graph = injectedGraph ?? defaultGraph(access.connection);
  for (;;) {
    if (signal.aborted) throw new Error("worker stopping; the job resumes where it stopped");
    const contacts = await db.$queryRaw<LookupContact[]>`
      SELECT id::text, platform_user_id FROM contacts
       WHERE channel_id = ${payload.channelId}::uuid AND ${NEEDS_PROFILE}
       ORDER BY created_at, id LIMIT ${PROFILES_PER_BATCH}`;
    if (contacts.length === 0) return;
    const outcomes = await lookUpProfiles(graph, access, contacts);
    for (const o of outcomes) if ("error" in o && (await recordChannelGraphProblem(payload.channelId, o.error))) return;
    const passing = outcomes.filter((o) => "error" in o && isTransientGraphError(o.error));
    const settled = outcomes.filter((o) => !passing.includes(o));
    for (const o of settled) if ("error" in o) logger.info("profile of a new contact not available (best effort)", { contactId: o.contact.id, error: o.error });
    await storeProfiles(
      access.channel.accountId,
      payload.channelId,
      settled.map((o) => ({ contactId: o.contact.id, profile: "profile" in o ? (o.profile ?? null) : null })),
    );
    if (passing.length > 0) throw new RetryJobLater(RETRY_AFTER_MS, `${passing.length} profile(s) not read (throttled or Meta unavailable)`);
  }
}

interface LookupContact {
  id: string;
  platform_user_id: string;
}
type Outcome = { contact: LookupContact; profile: GraphUserProfile } | { contact: LookupContact; error: unknown };

/** The round's contacts: one Graph batch on graph.facebook.com; on graph.instagram.com (batch unverified) one by one. */
async function lookUpProfiles(graph: GraphClient, access: ChannelGraphAccess, contacts: LookupContact[]): Promise<Outcome[]> {
  const results = await fetchUserProfiles(graph, {
    userIds: contacts.map((c) => c.platform_user_id),
    platform: access.platform,
    token: access.token,
    owner: access.owner,
    batch: access.connection === "FACEBOOK_LOGIN",
  });
  return contacts.map((contact, i) => {
    const result = results[i]!;
    return result.ok ? { contact, profile: result.profile } : { contact, error: result.error };
  });
}

async function storeProfiles(accountId: string, channelId: string, results: { contactId: string; profile: GraphUserProfile | null }[]): Promise<void> {
  if (results.length === 0) return;
  // In id order, like any other writer of several contacts in one transaction.
  results = [...results].sort((a, b) => (a.contactId < b.contactId ? -1 : 1));
  const nameOf = (p: GraphUserProfile | null) => storableText(p?.name ?? ([p?.first_name, p?.last_name].filter(Boolean).join(" ") || null), CONTENT_LIMITS.titleChars);
  await db.$transaction(async (tx) => {
    const conversations = await tx.$queryRaw<{ id: string }[]>`
      WITH updated AS (
        UPDATE contacts c
           SET name = COALESCE(t.name, c.name), username = COALESCE(t.username, c.username), picture_url = COALESCE(t.picture_url, c.picture_url),
               profile_fetched_at = now(), updated_at = now()
          FROM unnest(${results.map((r) => r.contactId)}::uuid[], ${results.map((r) => nameOf(r.profile))}::text[],
                      ${results.map((r) => storableText(r.profile?.username, CONTENT_LIMITS.titleChars))}::text[],
                      ${results.map((r) => storableUrl(r.profile?.profile_pic))}::text[]) AS t(id, name, username, picture_url)
         WHERE c.id = t.id
        RETURNING c.id
      )
      SELECT v.id::text FROM conversations v JOIN updated u ON v.contact_id = u.id`;
    await publishRealtime(conversations.map((c) => ({ type: "conversation.updated" as const, accountId, channelId, conversationId: c.id })), tx);
  });
}
