// Which Meta permissions comments need, and which a channel lacks. Pure.
//
//   Facebook Login (Page tokens, graph.facebook.com):
//     Page (Messenger side): read comments pages_read_engagement + pages_read_user_content; answer, hide, delete
//                            pages_manage_engagement; private replies pages_messaging
//     Instagram:             read and answer instagram_basic + instagram_manage_comments; private replies
//                            instagram_manage_messages
//   Instagram Login (Instagram User tokens, graph.instagram.com): read, answer, hide, delete and the `comments`
//     webhook instagram_business_basic + instagram_business_manage_comments; private replies also
//     instagram_business_manage_messages (the channel's messaging permission)
//
// The two logins name the same rights differently, so what a channel lacks depends on how it is connected. A
// channel connected with a pasted Page token has no recorded permissions (null): we try, and Meta's answer
// decides.

export type CommentChannelKind = { platform: "MESSENGER" | "INSTAGRAM"; connection: "FACEBOOK_LOGIN" | "INSTAGRAM_LOGIN" };

export const COMMENT_PERMISSIONS = {
  FACEBOOK_LOGIN: {
    MESSENGER: ["pages_read_engagement", "pages_read_user_content", "pages_manage_engagement"],
    INSTAGRAM: ["instagram_basic", "instagram_manage_comments"],
  },
  INSTAGRAM_LOGIN: {
    // Instagram Login reaches Instagram accounts only; a Messenger row never has this connection.
    MESSENGER: [],
    INSTAGRAM: ["instagram_business_basic", "instagram_business_manage_comments"],
  },
} as const satisfies Record<CommentChannelKind["connection"], Record<CommentChannelKind["platform"], readonly string[]>>;

/** The comment permissions a channel lacks; null when its permissions are unknown. */
export function missingCommentPermissions(channel: CommentChannelKind, grantedScopes: unknown): string[] | null {
  if (!Array.isArray(grantedScopes)) return null;
  const granted = new Set(grantedScopes.filter((s): s is string => typeof s === "string"));
  return COMMENT_PERMISSIONS[channel.connection][channel.platform].filter((p) => !granted.has(p));
}

/** Whether an Instagram Login grant covers comments: then the account is subscribed to the comment webhooks too. */
export function instagramLoginGrantsComments(grantedScopes: readonly string[]): boolean {
  return missingCommentPermissions({ platform: "INSTAGRAM", connection: "INSTAGRAM_LOGIN" }, grantedScopes)?.length === 0;
}
