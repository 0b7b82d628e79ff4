// The shapes a conversation has outside the server: list rows (GET /api/conversations) and the thread's
// detail (GET /api/conversations/:id, which is a list row plus thread fields, so a realtime refetch of one
// conversation can update every list that holds it). Rows come from the SQL in conversation-list-sql.ts.
import type { Platform, WindowOpener } from "@/lib/policy/window-policy";

export type ConversationStatus = "OPEN" | "PENDING" | "SNOOZED" | "RESOLVED";

export interface ConversationListItem {
  id: string;
  status: ConversationStatus;
  /** Set while SNOOZED. */
  snoozedUntil: string | null;
  channel: { id: string; platform: Platform; name: string; humanAgentEnabled: boolean };
  contact: { id: string; name: string | null; username: string | null; pictureUrl: string | null };
  assignee: { id: string; name: string } | null;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastMessageDirection: "INBOUND" | "OUTBOUND" | null;
  /** Meta time of the person's last window-opening action: the input of decideWindow. */
  lastInboundAt: string | null;
  lastInboundKind: WindowOpener | null;
  unreadCount: number;
  /** Ids of the account labels on the conversation (the browser knows their names and colours). */
  labelIds: string[];
}

export interface ConversationDetail extends ConversationListItem {
  channel: ConversationListItem["channel"] & { username: string | null };
  contact: ConversationListItem["contact"] & { platformUserId: string };
  metaThreadId: string | null;
  /** Meta holds older messages than it lets us read: the thread shows a marker above the oldest. */
  historyIncomplete: boolean;
  /** An outbound message is delivered / read when its sentAt is at or before these watermarks. */
  contactDeliveredUpTo: string | null;
  contactReadUpTo: string | null;
  adReferralAt: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  createdAt: string;
  /**
   * The SLA clock's inputs (lib/business-hours/sla.ts): the team's latest reply (an agent's or from Meta's
   * inbox; our automation answers nothing) and the person's first message after it, null when nothing waits.
   */
  sla: { teamRepliedAt: string | null; waitingSince: string | null };
  /** Satisfaction surveys asked in this conversation (lib/csat), oldest first; blocked ones are not listed. */
  csat: CsatRatingView[];
}

export interface CsatRatingView {
  surveyId: string;
  /** The survey's outbox message. */
  messageId: string;
  askedAt: string;
  /** 1–5, null until the person answers. */
  rating: number | null;
  comment: string | null;
  answeredAt: string | null;
}

/** What the thread shows of a conversation: the detail once loaded, the list row until then. */
export type ShownConversation = ConversationListItem &
  Partial<Omit<ConversationDetail, "channel" | "contact">> & {
    contact: ConversationListItem["contact"] & { platformUserId?: string };
  };

/** Columns of the list row, shared by the list and the detail query. The preview is cut to what a row shows. */
export const LIST_COLUMNS = `c.id, c.status, c.snoozed_until, c.last_message_at, left(c.last_message_preview, 200) AS last_message_preview, c.last_message_direction,
       c.last_inbound_at, c.last_inbound_kind, c.unread_count, c.assignee_id, a.name AS assignee_name,
       ch.id AS channel_id, ch.platform, ch.name AS channel_name, ch.human_agent_enabled,
       p.id AS contact_id, p.name AS contact_name, p.username AS contact_username, p.picture_url AS contact_picture_url,
       ARRAY(SELECT cl.label_id::text FROM conversation_labels cl WHERE cl.conversation_id = c.id ORDER BY cl.label_id) AS label_ids`;

export const DETAIL_COLUMNS = `${LIST_COLUMNS}, ch.username AS channel_username, p.platform_user_id AS contact_platform_user_id,
       c.meta_thread_id, c.history_incomplete, c.contact_delivered_up_to, c.contact_read_up_to, c.ad_referral_at,
       c.first_response_at, c.resolved_at, c.created_at, sla.team_replied_at, sla.waiting_since,
       COALESCE((SELECT json_agg(json_build_object('surveyId', s.id, 'messageId', s.message_id, 'askedAt', s.asked_at, 'rating', s.rating,
                                                   'comment', s.comment, 'answeredAt', s.answered_at) ORDER BY s.asked_at)
                   FROM csat_surveys s WHERE s.conversation_id = c.id AND s.message_id IS NOT NULL), '[]'::json) AS csat`;

/**
 * The detail's SLA inputs (see ConversationDetail.sla), read through messages_thread_idx. A team reply is
 * a REPLY of lib/reports/report-sql.ts (sent, or an echo) that is not our automation's.
 */
export const DETAIL_SLA_JOIN = `LEFT JOIN LATERAL (
    SELECT r.at AS team_replied_at,
           (SELECT min(i.sent_at) FROM messages i
             WHERE i.conversation_id = c.id AND i.direction = 'INBOUND' AND i.sender_kind = 'CONTACT' AND (r.at IS NULL OR i.sent_at > r.at)) AS waiting_since
      FROM (SELECT max(o.sent_at) AS at FROM messages o
             WHERE o.conversation_id = c.id AND o.direction = 'OUTBOUND' AND o.kind = 'MESSAGE' AND o.sender_kind <> 'OUR_APP'
               AND (o.send_status IS NULL OR o.send_status = 'SENT')) r
  ) sla ON true`;

export const LIST_JOINS = `JOIN channels ch ON ch.id = c.channel_id
  JOIN contacts p ON p.id = c.contact_id
  LEFT JOIN agents a ON a.id = c.assignee_id`;

export interface ConversationListRow {
  id: string;
  status: ConversationStatus;
  snoozed_until: Date | null;
  last_message_at: Date | null;
  last_message_preview: string | null;
  last_message_direction: "INBOUND" | "OUTBOUND" | null;
  last_inbound_at: Date | null;
  last_inbound_kind: WindowOpener | null;
  unread_count: number;
  assignee_id: string | null;
  assignee_name: string | null;
  channel_id: string;
  platform: Platform;
  channel_name: string;
  human_agent_enabled: boolean;
  contact_id: string;
  contact_name: string | null;
  contact_username: string | null;
  contact_picture_url: string | null;
  label_ids: string[];
}

export interface ConversationDetailRow extends ConversationListRow {
  channel_username: string | null;
  contact_platform_user_id: string;
  meta_thread_id: string | null;
  history_incomplete: boolean;
  contact_delivered_up_to: Date | null;
  contact_read_up_to: Date | null;
  ad_referral_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  created_at: Date;
  /** JSON: timestamps arrive as ISO strings without the zone normalisation of Date columns. */
  csat: { surveyId: string; messageId: string; askedAt: string; rating: number | null; comment: string | null; answeredAt: string | null }[];
  team_replied_at: Date | null;
  waiting_since: Date | null;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toConversationListItem(row: ConversationListRow): ConversationListItem {
  return {
    id: row.id,
    status: row.status,
    snoozedUntil: iso(row.snoozed_until),
    channel: { id: row.channel_id, platform: row.platform, name: row.channel_name, humanAgentEnabled: row.human_agent_enabled },
    contact: { id: row.contact_id, name: row.contact_name, username: row.contact_username, pictureUrl: row.contact_picture_url },
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? "" } : null,
    lastMessageAt: iso(row.last_message_at),
    lastMessagePreview: row.last_message_preview,
    lastMessageDirection: row.last_message_direction,
    lastInboundAt: iso(row.last_inbound_at),
    lastInboundKind: row.last_inbound_kind,
    unreadCount: row.unread_count,
    labelIds: row.label_ids ?? [],
  };
}

export function toConversationDetail(row: ConversationDetailRow): ConversationDetail {
  const item = toConversationListItem(row);
  return {
    ...item,
    channel: { ...item.channel, username: row.channel_username },
    contact: { ...item.contact, platformUserId: row.contact_platform_user_id },
    metaThreadId: row.meta_thread_id,
    historyIncomplete: row.history_incomplete,
    contactDeliveredUpTo: iso(row.contact_delivered_up_to),
    contactReadUpTo: iso(row.contact_read_up_to),
    adReferralAt: iso(row.ad_referral_at),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
    createdAt: row.created_at.toISOString(),
    csat: (row.csat ?? []).map((s) => ({ ...s, askedAt: new Date(s.askedAt).toISOString(), answeredAt: s.answeredAt ? new Date(s.answeredAt).toISOString() : null })),
    sla: { teamRepliedAt: iso(row.team_replied_at), waitingSince: iso(row.waiting_since) },
  };
}

/**
 * The name an agent sees for the person: their name, their @username, or — until Meta's profile arrives (a new
 * person's name follows their first message within seconds), or when Meta gives none — "Instagram user" /
 * "Messenger user". Never blank.
 */
export function contactDisplayName(contact: { name: string | null; username: string | null }, platform?: "MESSENGER" | "INSTAGRAM"): string {
  const name = contact.name?.trim();
  if (name) return name;
  const username = contact.username?.trim();
  if (username) return `@${username}`;
  return platform === "INSTAGRAM" ? "Instagram user" : platform === "MESSENGER" ? "Messenger user" : "Unknown person";
}
