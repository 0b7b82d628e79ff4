import "server-only";
import type { ConversationStatus } from "@/lib/conversations/reopen-on-inbound";
import type { SqlClient } from "@/lib/db";
import { CONTENT_LIMITS, storableText } from "./storable-content";

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

export interface PersonOfChannel {
  channel: SyncChannel;
  /** PSID / IGSID (or `user_ref:…` for a person known only by a user_ref). */
  platformUserId: string;
  /** From Graph participants; webhooks carry none (null keeps what we have). */
  name?: string | null;
  username?: string | null;
  metaThreadId?: string | null;
}

/** The key `upsertConversations` answers under. */
export const personKey = (channelId: string, platformUserId: string) => `${channelId}\u0001${platformUserId}`;

/**
 * The contacts (PSID / IGSID, one per channel) and their conversations (one per channel and person), created
 * when new — for a whole batch in three statements: contacts, new conversations, then every conversation
 * locked (in id order, so two batches never deadlock on each other). The locks last until the transaction
 * ends, so everything that touches one thread — a message and its edit, a backfill page and a webhook — is
 * applied one at a time. Names from Graph participants refresh the contact; null keeps what we have.
 */
export async function upsertConversations(tx: SqlClient, people: PersonOfChannel[]): Promise<Map<string, UpsertedConversation>> {
  const byKey = new Map<string, PersonOfChannel>();
  for (const person of people) {
    const key = personKey(person.channel.id, person.platformUserId);
    const seen = byKey.get(key);
    // Several mentions of one person in a batch: the first non-null of each field.
    byKey.set(key, seen ? { ...seen, name: seen.name ?? person.name, username: seen.username ?? person.username, metaThreadId: seen.metaThreadId ?? person.metaThreadId } : person);
  }
  // Sorted: concurrent batches insert (and wait on each other's inserts) in the same order.
  const input = [...byKey.values()].sort((a, b) => (personKey(a.channel.id, a.platformUserId) < personKey(b.channel.id, b.platformUserId) ? -1 : 1));
  if (input.length === 0) return new Map();
  const col = <T>(pick: (p: PersonOfChannel) => T) => input.map(pick);
  const accounts = col((p) => p.channel.accountId);
  const channels = col((p) => p.channel.id);
  const users = col((p) => p.platformUserId);
  const names = col((p) => storableText(p.name, CONTENT_LIMITS.titleChars));
  const usernames = col((p) => storableText(p.username, CONTENT_LIMITS.titleChars));

  // Contacts: inserted when new; an existing one is neither written nor locked (a webhook's mention of a known
  // person, the common case, leaves the row alone, so a profile lookup updating it never waits on a batch).
  const contactRows = await tx.$queryRaw<{ channel_id: string; platform_user_id: string; id: string | null; inserted: boolean; profile_fetched_at: Date | null }[]>`
    WITH input AS (
      SELECT * FROM unnest(${accounts}::uuid[], ${channels}::uuid[], ${users}::text[], ${names}::text[], ${usernames}::text[])
        AS t(account_id, channel_id, platform_user_id, name, username)
    ), inserted AS (
      INSERT INTO contacts (account_id, channel_id, platform_user_id, name, username)
      SELECT account_id, channel_id, platform_user_id, name, username FROM input
      ON CONFLICT (channel_id, platform_user_id) DO NOTHING
      RETURNING id, channel_id, platform_user_id, profile_fetched_at
    )
    SELECT i.channel_id::text, i.platform_user_id, COALESCE(n.id, c.id)::text AS id, (n.id IS NOT NULL) AS inserted,
           COALESCE(n.profile_fetched_at, c.profile_fetched_at) AS profile_fetched_at
      FROM input i
      LEFT JOIN inserted n ON n.channel_id = i.channel_id AND n.platform_user_id = i.platform_user_id
      LEFT JOIN contacts c ON c.channel_id = i.channel_id AND c.platform_user_id = i.platform_user_id`;
  const contacts = new Map(contactRows.map((r) => [personKey(r.channel_id, r.platform_user_id), r]));
  const unseen = contactRows.filter((r) => r.id === null);
  if (unseen.length > 0) {
    // Inserted by a concurrent transaction that committed after this statement's snapshot: read it now.
    const late = await tx.$queryRaw<{ channel_id: string; platform_user_id: string; id: string; profile_fetched_at: Date | null }[]>`
      SELECT c.channel_id::text, c.platform_user_id, c.id::text, c.profile_fetched_at
        FROM contacts c JOIN unnest(${unseen.map((r) => r.channel_id)}::uuid[], ${unseen.map((r) => r.platform_user_id)}::text[]) AS t(channel_id, platform_user_id)
          ON c.channel_id = t.channel_id AND c.platform_user_id = t.platform_user_id`;
    for (const row of late) contacts.set(personKey(row.channel_id, row.platform_user_id), { ...row, inserted: false });
  }
  // Names Graph brought (participants of a sync) for people we knew: written when they differ, and only then locked.
  const renamed = input.flatMap((p, i) => {
    const contact = contacts.get(personKey(p.channel.id, p.platformUserId))!;
    return !contact.inserted && (names[i] != null || usernames[i] != null) ? [{ id: contact.id!, name: names[i] ?? null, username: usernames[i] ?? null }] : [];
  }).sort((a, b) => (a.id < b.id ? -1 : 1));
  if (renamed.length > 0) {
    await tx.$executeRaw`
      UPDATE contacts c SET name = COALESCE(t.name, c.name), username = COALESCE(t.username, c.username), updated_at = now()
        FROM unnest(${renamed.map((r) => r.id)}::uuid[], ${renamed.map((r) => r.name)}::text[], ${renamed.map((r) => r.username)}::text[]) AS t(id, name, username)
       WHERE c.id = t.id
         AND ((t.name IS NOT NULL AND t.name IS DISTINCT FROM c.name) OR (t.username IS NOT NULL AND t.username IS DISTINCT FROM c.username))`;
  }
  const contactIds = input.map((p) => contacts.get(personKey(p.channel.id, p.platformUserId))!.id!);
  const threadIds = col((p) => p.metaThreadId ?? null);

  const created = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO conversations (account_id, channel_id, contact_id, meta_thread_id)
    SELECT account_id, channel_id, contact_id, meta_thread_id
      FROM unnest(${accounts}::uuid[], ${channels}::uuid[], ${contactIds}::uuid[], ${threadIds}::text[]) AS t(account_id, channel_id, contact_id, meta_thread_id)
     ORDER BY channel_id, contact_id
    ON CONFLICT (channel_id, contact_id) DO NOTHING
    RETURNING id::text`;
  const createdIds = new Set(created.map((r) => r.id));
  const locked = await tx.$queryRaw<{ id: string; channel_id: string; contact_id: string; status: ConversationStatus; meta_thread_id: string | null }[]>`
    SELECT c.id::text, c.channel_id::text, c.contact_id::text, c.status::text AS status, c.meta_thread_id
      FROM conversations c
     WHERE (c.channel_id, c.contact_id) IN (SELECT * FROM unnest(${channels}::uuid[], ${contactIds}::uuid[]))
     ORDER BY c.id
       FOR UPDATE OF c`;
  const byContact = new Map(locked.map((r) => [r.contact_id, r]));

  // A thread id Graph told us, for a conversation a webhook created before (never replacing one we have).
  const missingThread = input.flatMap((p, i) => {
    const row = byContact.get(contactIds[i]!);
    return row && p.metaThreadId && row.meta_thread_id === null && !createdIds.has(row.id) ? [{ id: row.id, threadId: p.metaThreadId }] : [];
  });
  if (missingThread.length > 0) {
    await tx.$executeRaw`
      UPDATE conversations c SET meta_thread_id = t.thread_id
        FROM unnest(${missingThread.map((m) => m.id)}::uuid[], ${missingThread.map((m) => m.threadId)}::text[]) AS t(id, thread_id)
       WHERE c.id = t.id AND c.meta_thread_id IS NULL`;
    const byId = new Map(locked.map((r) => [r.id, r]));
    for (const m of missingThread) byId.get(m.id)!.meta_thread_id = m.threadId;
  }

  const result = new Map<string, UpsertedConversation>();
  input.forEach((p, i) => {
    const key = personKey(p.channel.id, p.platformUserId);
    const contact = contacts.get(key)!;
    const conversation = byContact.get(contactIds[i]!)!;
    result.set(key, {
      conversationId: conversation.id,
      contactId: contact.id!,
      contactCreated: contact.inserted,
      conversationCreated: createdIds.has(conversation.id),
      status: conversation.status,
      metaThreadId: conversation.meta_thread_id,
      profileFetchedAt: contact.profile_fetched_at,
    });
  });
  return result;
}

/** One person's contact and conversation (see upsertConversations). */
export async function upsertConversation(
  tx: SqlClient,
  channel: SyncChannel,
  person: { platformUserId: string; name?: string | null; username?: string | null; metaThreadId?: string | null },
): Promise<UpsertedConversation> {
  const result = await upsertConversations(tx, [{ channel, ...person }]);
  return result.get(personKey(channel.id, person.platformUserId))!;
}
