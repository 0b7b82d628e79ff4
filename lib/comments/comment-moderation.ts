// What an agent may do to a person's comment besides answering it, as Meta allows it. Pure.
//
//   hide / unhide  POST /{comment-id} is_hidden (Page) or hide (Instagram); never the Page's own comments
//                  (Meta refuses them: a hidden comment is hidden from everyone but its author and the Page)
//   like / unlike  POST / DELETE /{comment-id}/likes — Facebook Page comments only: Instagram's API has no
//                  like for comments, so we never offer it there
//   delete         DELETE /{comment-id} — final: the comment is gone at Meta for everyone
//   a comment already removed at Meta allows nothing.

export const COMMENT_MODERATIONS = ["hide", "unhide", "like", "unlike", "delete"] as const;
export type CommentModeration = (typeof COMMENT_MODERATIONS)[number];

export interface ModerationTarget {
  platform: "MESSENGER" | "INSTAGRAM";
  byPage: boolean;
  removed: boolean;
}

/** Why `action` is refused for this comment (in the agent's words), or null when Meta allows it. */
export function moderationRefusal(target: ModerationTarget, action: CommentModeration): string | null {
  if (target.removed) return "This comment was removed at Meta: there is nothing left to change.";
  if ((action === "hide" || action === "unhide") && target.byPage) return "The Page's own comments cannot be hidden.";
  if ((action === "like" || action === "unlike") && target.platform === "INSTAGRAM") return "Instagram does not let accounts like comments through its API: like it in the Instagram app.";
  return null;
}

/** The moderation buttons the inbox shows for a comment. */
export function allowedModerations(target: ModerationTarget): { hide: boolean; like: boolean; delete: boolean } {
  return { hide: moderationRefusal(target, "hide") === null, like: moderationRefusal(target, "like") === null, delete: moderationRefusal(target, "delete") === null };
}
