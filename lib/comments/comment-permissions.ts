// Which Meta permissions comments need, and which a channel lacks. Pure.
//
//   Page (Messenger side): read comments pages_read_engagement + pages_read_user_content; answer, hide, delete
//                          pages_manage_engagement; private replies pages_messaging
//   Instagram:             read and answer instagram_basic + instagram_manage_comments; private replies
//                          instagram_manage_messages
//
// A channel connected with a pasted Page token has no recorded permissions (null): we try, and Meta's answer
// decides.

export const COMMENT_PERMISSIONS: Record<"MESSENGER" | "INSTAGRAM", readonly string[]> = {
  MESSENGER: ["pages_read_engagement", "pages_read_user_content", "pages_manage_engagement"],
  INSTAGRAM: ["instagram_basic", "instagram_manage_comments"],
};

/** The comment permissions a channel lacks; null when its permissions are unknown. */
export function missingCommentPermissions(platform: "MESSENGER" | "INSTAGRAM", grantedScopes: unknown): string[] | null {
  if (!Array.isArray(grantedScopes)) return null;
  const granted = new Set(grantedScopes.filter((s): s is string => typeof s === "string"));
  return COMMENT_PERMISSIONS[platform].filter((p) => !granted.has(p));
}
