import "server-only";
import type { SqlClient } from "@/lib/db";
import type { RealtimeBatch } from "@/lib/sync/realtime-batch";
import type { SyncChannel } from "@/lib/sync/upsert-conversation";

/** One comment as a webhook or a Graph read describes it, normalised. */
export interface CommentChange {
  verb: "add" | "edited" | "remove" | "hide" | "unhide";
  commentId: string;
  postId: string;
  parentId: string | null;
  authorId: string | null;
  authorName: string | null;
  authorUsername: string | null;
  text: string | null;
  /** Meta's creation time of the comment, when known. */
  createdAt: Date | null;
  /** Meta's time of this change: the webhook entry's time; for a Graph read the moment of the read (what Graph
   * answers is the state at that moment, newer than every webhook sent before). */
  at: Date;
  /** What the change says about the comment's hidden state (Graph reads carry it; webhooks by verb). */
  hidden?: boolean;
  isLive: boolean;
  post: { permalink: string | null; caption?: string | null; pictureUrl?: string | null; adId: string | null; adTitle: string | null; mediaProductType: string | null; createdAt?: Date | null };
}

/**
 * Stores comment changes idempotently and in any order, one upsert per post and per comment:
 *
 *   keys          (channel, Meta post id), (channel, Meta comment id): a replay changes nothing
 *   text          the newest by Meta's event time (an `add` arriving after its `edited` keeps the edit); Meta's
 *                 times are whole seconds, so of two edits in the same second the one applied last wins — live
 *                 deliveries arrive in order, and the next Graph read (newer than both) settles a replay
 *   hidden        the newest hide/unhide by Meta's event time
 *   removal       final: a late `add` or `edited` never brings a removed comment back
 *   creation time the earliest seen (Instagram webhooks carry none: the notification time stands in until a
 *                 Graph read gives the comment's own `timestamp`, which is earlier — never later, so the
 *                 private-reply deadline only moves earlier)
 *   parent        kept as Meta's id: a reply may arrive before its parent
 *
 * The Page's own comments (author = the Page or the Instagram account) are stored with `by_page`.
 */
export async function applyCommentChanges(tx: SqlClient, channel: SyncChannel, changes: CommentChange[], realtime: RealtimeBatch): Promise<void> {
  for (const change of changes) {
    const createdAt = change.createdAt ?? change.at;
    const bump = change.verb === "add";
    const [post] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO social_posts (account_id, channel_id, meta_post_id, permalink, caption, picture_url, ad_id, ad_title, media_product_type, meta_created_at, last_activity_at)
      VALUES (${channel.accountId}::uuid, ${channel.id}::uuid, ${change.postId}, ${change.post.permalink}, ${change.post.caption ?? null}, ${change.post.pictureUrl ?? null},
              ${change.post.adId}, ${change.post.adTitle}, ${change.post.mediaProductType}, ${change.post.createdAt ?? null}, ${createdAt})
      ON CONFLICT (channel_id, meta_post_id) DO UPDATE SET
        permalink = COALESCE(excluded.permalink, social_posts.permalink),
        caption = COALESCE(excluded.caption, social_posts.caption),
        picture_url = COALESCE(excluded.picture_url, social_posts.picture_url),
        ad_id = COALESCE(excluded.ad_id, social_posts.ad_id),
        ad_title = COALESCE(excluded.ad_title, social_posts.ad_title),
        media_product_type = COALESCE(excluded.media_product_type, social_posts.media_product_type),
        meta_created_at = COALESCE(excluded.meta_created_at, social_posts.meta_created_at),
        last_activity_at = CASE WHEN ${bump} THEN GREATEST(social_posts.last_activity_at, excluded.last_activity_at) ELSE social_posts.last_activity_at END,
        updated_at = now()
      RETURNING id::text`;
    const byPage = change.authorId !== null && (change.authorId === channel.metaId || change.authorId === channel.pageMetaId);
    const carriesText = change.verb === "add" || change.verb === "edited";
    const hiddenState = change.verb === "hide" ? true : change.verb === "unhide" ? false : (change.hidden ?? null);
    const [row] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO comments (account_id, channel_id, post_id, meta_comment_id, parent_meta_id, author_meta_id, author_name, author_username, by_page,
                            text, meta_created_at, text_at, edited_at, hidden, hidden_at, deleted_at, is_live, status)
      VALUES (${channel.accountId}::uuid, ${channel.id}::uuid, ${post!.id}::uuid, ${change.commentId}, ${change.parentId}, ${change.authorId ?? ""},
              ${change.authorName}, ${change.authorUsername}, ${byPage},
              ${carriesText ? change.text : null}, ${createdAt}, ${carriesText ? change.at : null}, ${change.verb === "edited" ? change.at : null},
              ${hiddenState ?? false}, ${hiddenState === null ? null : change.at}, ${change.verb === "remove" ? change.at : null}, ${change.isLive},
              (CASE WHEN ${byPage} THEN 'RESOLVED' ELSE 'OPEN' END)::comment_status)
      ON CONFLICT (channel_id, meta_comment_id) DO UPDATE SET
        parent_meta_id = COALESCE(comments.parent_meta_id, excluded.parent_meta_id),
        author_meta_id = CASE WHEN comments.author_meta_id = '' THEN excluded.author_meta_id ELSE comments.author_meta_id END,
        author_name = COALESCE(excluded.author_name, comments.author_name),
        author_username = COALESCE(excluded.author_username, comments.author_username),
        by_page = comments.by_page OR excluded.by_page,
        text = CASE WHEN excluded.text_at IS NOT NULL
                          AND (comments.text_at IS NULL OR excluded.text_at > comments.text_at
                               OR (excluded.text_at = comments.text_at AND excluded.edited_at IS NOT NULL))
                    THEN excluded.text ELSE comments.text END,
        text_at = GREATEST(comments.text_at, excluded.text_at),
        edited_at = GREATEST(comments.edited_at, excluded.edited_at),
        meta_created_at = LEAST(comments.meta_created_at, excluded.meta_created_at),
        hidden = CASE WHEN excluded.hidden_at IS NOT NULL AND (comments.hidden_at IS NULL OR excluded.hidden_at >= comments.hidden_at) THEN excluded.hidden ELSE comments.hidden END,
        hidden_at = GREATEST(comments.hidden_at, excluded.hidden_at),
        deleted_at = COALESCE(comments.deleted_at, excluded.deleted_at),
        is_live = comments.is_live OR excluded.is_live,
        updated_at = now()
      RETURNING id::text`;
    if (row) realtime.comment(channel.accountId, channel.id, row.id);
  }
}
