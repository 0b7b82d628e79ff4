// What an admin notification says, per kind. The notification is created where the event happens (a send Meta
// refused, a reconciliation that found missed webhooks, a token Meta refused); this module only words it.
// Pure: no I/O.

export const ADMIN_NOTIFICATION_KINDS = [
  /** Meta refused the channel's token (190/102/492): nothing is read or sent until an admin reconnects. */
  "channel.needs_reconnect",
  /** Meta refused a permission or eligibility (10, 200–299, Instagram access). */
  "channel.misconfigured",
  /** Meta restricted the Page or business (10/1893063, 368, 2022, 100/2534029): sends fail. */
  "channel.restricted",
  /** Reconciliation found messages at Meta that no webhook delivered. */
  "channel.delivery_gaps",
  /** Meta stopped tagged messages to one person as bothersome (613/2018338). */
  "send.tag_bothersome",
] as const;

export type AdminNotificationKind = (typeof ADMIN_NOTIFICATION_KINDS)[number];

export interface NotificationFacts {
  channelName: string;
  platform: "MESSENGER" | "INSTAGRAM";
  /** Meta's code and subcode, when Meta's answer caused it. */
  code?: number | null;
  subcode?: number | null;
  fbtraceId?: string | null;
  /** channel.delivery_gaps: messages found in this pass. */
  found?: number;
}

const platformLabel = (p: NotificationFacts["platform"]) => (p === "INSTAGRAM" ? "Instagram" : "Messenger");

function metaCode(facts: NotificationFacts): string {
  if (facts.code === null || facts.code === undefined) return "";
  const code = facts.subcode ? `${facts.code}/${facts.subcode}` : String(facts.code);
  return ` (Meta error ${code}${facts.fbtraceId ? `, fbtrace_id ${facts.fbtraceId}` : ""})`;
}

/** The title and body an admin reads for one notification. */
export function notificationContent(kind: AdminNotificationKind, facts: NotificationFacts): { title: string; body: string } {
  const channel = `${facts.channelName} (${platformLabel(facts.platform)})`;
  switch (kind) {
    case "channel.needs_reconnect":
      return {
        title: `${channel} needs to be reconnected`,
        body: `Meta refused the channel's access token${metaCode(facts)}. No messages are read or sent on it until an admin reconnects it under Channels.`,
      };
    case "channel.misconfigured":
      return {
        title: `${channel} lacks a permission at Meta`,
        body: `Meta refused a call for a missing permission or eligibility${metaCode(facts)}. Check the app's permissions and the account's settings at Meta, then reconnect the channel.`,
      };
    case "channel.restricted":
      return {
        title: `${channel} is restricted by Meta`,
        body: `Meta refused a reply because it restricted messaging for this Page or business${metaCode(facts)}. Replies from this channel fail until Meta lifts the restriction: check the Page's quality and any policy notices in Meta Business Suite.`,
      };
    case "channel.delivery_gaps": {
      const n = facts.found ?? 0;
      return {
        title: `${channel}: ${n} message${n === 1 ? "" : "s"} arrived without a webhook`,
        body: `Reconciliation found ${n} message${n === 1 ? "" : "s"} at Meta that no webhook had delivered; they are in the inbox now, but arrived up to 3 minutes late. If this repeats, check the app's webhook subscription and the webhook endpoint's availability.`,
      };
    }
    case "send.tag_bothersome":
      return {
        title: `${channel}: Meta stopped tagged messages to a person`,
        body: `Meta refused a HUMAN_AGENT reply because this person reported tagged messages as bothersome${metaCode(facts)}. Agents should not send tagged messages to them; replies within 24 hours of their message still work.`,
      };
  }
}
