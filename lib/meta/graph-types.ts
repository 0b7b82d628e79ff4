// Typed shapes of the Graph API answers the inbox reads (REFERENCE.md §2, meta-simulator/README.md "Graph API").
// Meta omits empty fields, so everything but `id` is optional. Times are strings (`…+0000`); parse them with
// lib/meta/meta-time.ts.
import type { GraphList } from "./graph-client";

export type MetaPlatform = "messenger" | "instagram";

/** A participant, `from` or `to` item: Messenger `{id,name,email}`, Instagram `{id,username}`. */
export interface GraphParticipant {
  id: string;
  name?: string;
  email?: string;
  username?: string;
}

export interface GraphAttachment {
  id?: string;
  mime_type?: string;
  name?: string;
  size?: number;
  image_data?: { url?: string; preview_url?: string; width?: number; height?: number };
  video_data?: { url?: string; preview_url?: string; width?: number; height?: number };
  file_url?: string;
  generic_template?: unknown;
}

export interface GraphReaction {
  /** The emoji. */
  reaction: string;
  users: GraphParticipant[];
}

export interface GraphMessage {
  id: string;
  created_time?: string;
  from?: GraphParticipant;
  to?: { data: GraphParticipant[] };
  message?: string;
  attachments?: GraphList<GraphAttachment>;
  reply_to?: { mid: string; is_self_reply?: boolean };
  reactions?: { data: GraphReaction[] };
  /** URL of the sticker image. */
  sticker?: string;
  is_unsupported?: boolean;
  shares?: { data: { link?: string; name?: string; template?: unknown }[] };
  story?: unknown;
}

export interface GraphConversation {
  id: string;
  updated_time?: string;
  participants?: { data: GraphParticipant[] };
  messages?: GraphList<GraphMessage>;
  message_count?: number;
  unread_count?: number;
  snippet?: string;
  can_reply?: boolean;
}

export interface GraphInstagramAccount {
  id: string;
  username?: string;
  name?: string;
  profile_picture_url?: string;
}

/** A Page from `/me/accounts` (user token) or `/me` (Page token). */
export interface GraphPage {
  id: string;
  name?: string;
  username?: string;
  category?: string;
  access_token?: string;
  tasks?: string[];
  picture?: { data?: { url?: string } };
  instagram_business_account?: GraphInstagramAccount;
}

/** User Profile API: PSID (`first_name,last_name,name,profile_pic`) or IGSID (`name,username,profile_pic`). */
export interface GraphUserProfile {
  id: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  profile_pic?: string;
}
