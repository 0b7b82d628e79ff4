import "server-only";
import type { ConversationStatus } from "@/lib/conversations/reopen-on-inbound";
import type { Tx } from "@/lib/db";

export interface SyncChannel {
  id: string;
  accountId: string;
  platform: "MESSENGER" | "INSTAGRAM";
  /** Page id or IG account id. */
  metaId: string;
  pageMetaId: string;
}

export interface UpsertedConversation {
  conversationId: string;
  contactId: string;
  contactCreated: boolean;
  conversationCreated: boolean;
  status: ConversationStatus;
  metaThreadId: string | null;
  profileFetchedAt: Date | null;
}

/**
 * The contact (PSID / IGSID, one per channel) and its conversation (one per channel and person), created when
 * new. The conversation row stays locked until the transaction ends, so everything that touches one thread —
 * a message and its edit, a backfill page and a webhook — is applied one at a time. Names from Graph
 * participants refresh the contact; webhooks carry none (null keeps what we have).
 */
export async function upsertConversation(
  tx: Tx,
  channel: SyncChannel,
  person: { platformUserId: string; name?: string | null; username?: string | null; metaThreadId?: string | null },
): Promise<UpsertedConversation> {
  const [contact] = await tx.$queryRaw<{ id: string; inserted: boolean; profile_fetched_at: Date | null }[]>`
    INSERT INTO contacts (account_id, channel_id, platform_user_id, name, username)
    VALUES (${channel.accountId}::uuid, ${channel.id}::uuid, ${person.platformUserId}, ${person.name ?? null}, ${person.username ?? null})
    ON CONFLICT (channel_id, platform_user_id) DO UPDATE
       SET name = COALESCE(EXCLUDED.name, contacts.name),
           username = COALESCE(EXCLUDED.username, contacts.username),
           updated_at = CASE WHEN (EXCLUDED.name IS NOT NULL AND EXCLUDED.name IS DISTINCT FROM contacts.name)
                               OR (EXCLUDED.username IS NOT NULL AND EXCLUDED.username IS DISTINCT FROM contacts.username)
                             THEN now() ELSE contacts.updated_at END
    RETURNING id, (xmax = 0) AS inserted, profile_fetched_at`;
  const [conversation] = await tx.$queryRaw<{ id: string; inserted: boolean; status: ConversationStatus; meta_thread_id: string | null }[]>`
    INSERT INTO conversations (account_id, channel_id, contact_id, meta_thread_id)
    VALUES (${channel.accountId}::uuid, ${channel.id}::uuid, ${contact!.id}::uuid, ${person.metaThreadId ?? null})
    ON CONFLICT (channel_id, contact_id) DO UPDATE
       SET meta_thread_id = COALESCE(conversations.meta_thread_id, EXCLUDED.meta_thread_id)
    RETURNING id, (xmax = 0) AS inserted, status::text AS status, meta_thread_id`;
  return {
    conversationId: conversation!.id,
    contactId: contact!.id,
    contactCreated: contact!.inserted,
    conversationCreated: conversation!.inserted,
    status: conversation!.status,
    metaThreadId: conversation!.meta_thread_id,
    profileFetchedAt: contact!.profile_fetched_at,
  };
}
