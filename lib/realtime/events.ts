// What the server publishes after each committed change (Postgres NOTIFY on channel "inbox_events") and
// pushes to signed-in browsers over Server-Sent Events (/api/events), filtered to the channels each agent
// may see. Events name what changed, not the new data: the browser updates or refetches the React Query
// entries they name. A payload is one event, or a JSON array of events committed together (a webhook or sync
// batch: one NOTIFY for many events); payloads stay below Postgres' 8000-byte NOTIFY limit.

export const REALTIME_CHANNEL = "inbox_events";

export type RealtimeEvent =
  /** List-visible fields changed: new message, status, assignee, unread count, window, snooze. */
  | { type: "conversation.updated"; accountId: string; channelId: string; conversationId: string }
  /** A message was created or changed (sent/failed, delivered/read, edited, deleted, reaction). */
  | { type: "message.upserted"; accountId: string; channelId: string; conversationId: string; messageId: string }
  /** A private note was added. */
  | { type: "note.added"; accountId: string; channelId: string; conversationId: string; noteId: string }
  /** A comment (or the Page's reply to it, or its private reply) was created or changed. */
  | { type: "comment.upserted"; accountId: string; channelId: string; commentId: string }
  /** A channel's token, webhook or sync status changed, or a sync run made progress. */
  | { type: "channel.updated"; accountId: string; channelId: string }
  /** An agent opened or left a conversation, or started or stopped typing in it (lib/presence). */
  | { type: "presence.changed"; accountId: string; channelId: string; conversationId: string }
  /** An agent's channel memberships changed: their streams re-read which channels they see, their inbox refetches. */
  | { type: "access.changed"; accountId: string; agentId: string }
  /** An admin notification was created or repeated (admins only; lib/notifications). */
  | { type: "admin.notification"; accountId: string; channelId: string; notificationKind: string };

export type RealtimeEventType = RealtimeEvent["type"];

/** Largest NOTIFY payload we send (Postgres refuses 8000 bytes and more). */
export const MAX_REALTIME_PAYLOAD_BYTES = 7_900;

/** The events of one NOTIFY payload (one event or an array of them); nothing for a payload that does not read. */
export function realtimeEventsOf(payload: string): RealtimeEvent[] {
  try {
    const parsed = JSON.parse(payload) as RealtimeEvent | RealtimeEvent[];
    return Array.isArray(parsed) ? parsed : [parsed];
  } catch {
    return [];
  }
}
