import type { GraphClient } from "./graph-client";

/**
 * Webhook fields the inbox needs. Instagram events of a linked IG account are delivered for the Page's
 * subscription too (Meta accepts the Messenger names as aliases of the Instagram fields).
 */
export const WEBHOOK_FIELDS = [
  "messages",
  "message_echoes",
  "message_deliveries",
  "message_reads",
  "message_reactions",
  "message_edits",
  "messaging_postbacks",
  "messaging_referrals",
  // Answers to the satisfaction survey's Customer Feedback Template (lib/csat).
  "messaging_feedback",
  "standby",
  // Page comments (item "comment" of the Page feed). Instagram comments are subscribed in the app dashboard.
  "feed",
] as const;

/** `POST /{page-id}/subscribed_apps?subscribed_fields=…` (replaces the app's field list for that Page). */
export async function subscribePageWebhooks(graph: GraphClient, request: { pageId: string; token: string }): Promise<void> {
  await graph.post<{ success: boolean }>(`${request.pageId}/subscribed_apps`, {
    token: request.token,
    params: { subscribed_fields: WEBHOOK_FIELDS.join(",") },
    // Subscribing twice is harmless: safe to retry.
    retries: 2,
  });
}

/** `DELETE /{page-id}/subscribed_apps`: Meta stops sending this Page's events to the app. */
export async function unsubscribePageWebhooks(graph: GraphClient, request: { pageId: string; token: string }): Promise<void> {
  await graph.request<{ success: boolean }>({ method: "DELETE", path: `${request.pageId}/subscribed_apps`, token: request.token, retries: 2 });
}
