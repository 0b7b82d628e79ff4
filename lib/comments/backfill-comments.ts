import "server-only";
import { db } from "@/lib/db";
import { logger } from "@/lib/logger";
import type { GraphClient } from "@/lib/meta/graph-client";
import { GraphApiError } from "@/lib/meta/graph-error";
import { parseMetaTime } from "@/lib/meta/meta-time";
import { PRIVATE_REPLY_WINDOW_MS } from "@/lib/policy/private-reply-policy";
import { RealtimeBatch } from "@/lib/sync/realtime-batch";
import { storableId, storableText, storableUrl } from "@/lib/sync/storable-content";
import type { SyncChannel } from "@/lib/sync/upsert-conversation";
import { applyCommentChanges, type CommentChange } from "./apply-comment-changes";
import { missingCommentPermissions } from "./comment-permissions";

/** Posts (Page feed) or media (Instagram) read per channel: the newest, where fresh comments are. */
export const COMMENT_BACKFILL_MAX_POSTS = 25;
const PAGE_SIZE = 25;
const COMMENTS_PAGE_SIZE = 100;

interface GraphPost {
  id: string;
  message?: string;
  caption?: string;
  created_time?: string;
  timestamp?: string;
  updated_time?: string;
  permalink_url?: string;
  permalink?: string;
  full_picture?: string;
  thumbnail_url?: string;
  media_url?: string;
  media_product_type?: string;
  ad_id?: string;
  ad_title?: string;
}

interface GraphComment {
  id: string;
  message?: string;
  text?: string;
  created_time?: string;
  timestamp?: string;
  from?: { id?: string; name?: string; username?: string };
  parent?: { id?: string };
  is_hidden?: boolean;
  hidden?: boolean;
  replies?: { data?: GraphComment[] };
}

export interface CommentBackfillResult {
  posts: number;
  comments: number;
  removed: number;
  graphCalls: number;
  /** Skipped: the channel lacks the permissions (known), or Meta refused them. */
  skipped: "permissions" | null;
}

/**
 * Reads the comments of the last 7 days — the private-reply window — from Meta, on connect (after the
 * conversations backfill) and in every reconciliation: the newest posts (Page feed, `updated_time` = newest
 * comment) or media, then each one's comments and replies, through the paced Graph client (the same per-Page
 * budget as the conversation sync). What Graph answers is the state at the moment of the read, so it is applied
 * with that moment as its time: newer than every webhook sent before, older than every one sent after.
 * Comments of a fully read post that Meta no longer returns were removed there (Instagram sends no webhook
 * for removals) and are marked removed here.
 *
 * A channel without the comment permissions is skipped; a permission error from Meta stops the comment read
 * without touching the channel's messaging status (comments are an extra, messages keep syncing).
 */
export async function backfillComments(input: { channel: SyncChannel; token: string; graph: GraphClient; now?: Date }): Promise<CommentBackfillResult> {
  const { channel, token, graph } = input;
  const result: CommentBackfillResult = { posts: 0, comments: 0, removed: 0, graphCalls: 0, skipped: null };
  const row = await db.channel.findUnique({ where: { id: channel.id }, select: { grantedScopes: true, connection: true } });
  const missing = row ? missingCommentPermissions({ platform: channel.platform, connection: row.connection }, row.grantedScopes) : null;
  if (missing && missing.length > 0) return { ...result, skipped: "permissions" };
  const instagram = channel.platform === "INSTAGRAM";
  const since = new Date((input.now ?? new Date()).getTime() - PRIVATE_REPLY_WINDOW_MS);
  const owner = channel.metaId;
  try {
    const posts: GraphPost[] = [];
    const listPath = instagram ? `${channel.metaId}/media` : `${channel.pageMetaId}/feed`;
    const fields = instagram ? "id,caption,media_product_type,permalink,timestamp,thumbnail_url,media_url,ad_id,ad_title" : "id,message,created_time,updated_time,permalink_url,full_picture,ad_id,ad_title";
    for await (const page of graph.pages<GraphPost>(listPath, { token, owner, params: { fields, limit: PAGE_SIZE } })) {
      result.graphCalls++;
      posts.push(...page.data);
      if (posts.length >= COMMENT_BACKFILL_MAX_POSTS) break;
    }
    for (const post of posts.slice(0, COMMENT_BACKFILL_MAX_POSTS)) {
      // A Page post whose newest activity is older than the window has no comment we could still answer.
      const updated = parseMetaTime(post.updated_time);
      if (updated && updated < since) continue;
      const readAt = new Date();
      const comments = await readPostComments(graph, { token, owner, postId: post.id, instagram }, result);
      const fresh = comments.filter((c) => (parseMetaTime(c.created_time ?? c.timestamp) ?? readAt) >= since);
      const changes = fresh.map((c) => changeOf(c, post, instagram, readAt));
      const realtime = new RealtimeBatch();
      await db.$transaction(async (tx) => {
        await applyCommentChanges(tx, channel, changes, realtime);
        const removed = await tx.$executeRaw`
          UPDATE comments c SET deleted_at = ${readAt}, updated_at = now()
            FROM social_posts p
           WHERE p.id = c.post_id AND p.channel_id = ${channel.id}::uuid AND p.meta_post_id = ${post.id}
             AND c.deleted_at IS NULL AND c.meta_comment_id IS NOT NULL AND c.meta_created_at >= ${since}
             AND c.recorded_at < ${readAt}
             AND NOT (c.meta_comment_id = ANY(${comments.map((x) => x.id)}::text[]))`;
        result.removed += removed;
        await realtime.publish(tx);
      });
      if (comments.length > 0) result.posts++;
      result.comments += changes.length;
    }
  } catch (error) {
    if (error instanceof GraphApiError && (error.code === 200 || error.code === 10 || (error.code >= 200 && error.code < 300))) {
      logger.warn("comments not read: Meta refused the permission", { channelId: channel.id, code: error.code, message: error.message });
      return { ...result, skipped: "permissions" };
    }
    throw error;
  }
  return result;
}

async function readPostComments(
  graph: GraphClient,
  request: { token: string; owner: string; postId: string; instagram: boolean },
  result: CommentBackfillResult,
): Promise<GraphComment[]> {
  const out: GraphComment[] = [];
  const params = request.instagram
    ? { fields: "id,text,timestamp,from,hidden,replies{id,text,timestamp,from,hidden}", limit: COMMENTS_PAGE_SIZE }
    : { fields: "id,message,created_time,from,parent,is_hidden", filter: "stream", limit: COMMENTS_PAGE_SIZE };
  for await (const page of graph.pages<GraphComment>(`${request.postId}/comments`, { token: request.token, owner: request.owner, params })) {
    result.graphCalls++;
    for (const c of page.data) {
      out.push(c);
      for (const reply of c.replies?.data ?? []) out.push({ ...reply, parent: { id: c.id } });
    }
  }
  return out;
}

function changeOf(c: GraphComment, post: GraphPost, instagram: boolean, readAt: Date): CommentChange {
  return {
    verb: "add",
    commentId: storableId(c.id) ?? c.id,
    postId: post.id,
    parentId: storableId(c.parent?.id) ?? null,
    authorId: storableId(c.from?.id),
    authorName: storableText(c.from?.name, 200),
    authorUsername: storableText(c.from?.username, 200),
    text: storableText(instagram ? c.text : c.message),
    createdAt: parseMetaTime(c.created_time ?? c.timestamp),
    at: readAt,
    hidden: instagram ? c.hidden === true : c.is_hidden === true,
    isLive: post.media_product_type === "LIVE",
    post: {
      permalink: storableUrl(post.permalink_url ?? post.permalink),
      caption: storableText(post.message ?? post.caption),
      pictureUrl: storableUrl(post.full_picture ?? post.thumbnail_url ?? post.media_url),
      adId: storableId(post.ad_id),
      adTitle: storableText(post.ad_title, 200),
      mediaProductType: instagram ? (storableText(post.media_product_type, 32) ?? "FEED") : null,
      createdAt: parseMetaTime(post.created_time ?? post.timestamp),
    },
  };
}

/** The comment read of a sync (backfill, reconciliation): never fails the sync it follows. */
export async function syncChannelComments(access: { channel: SyncChannel; token: string }, graph: GraphClient): Promise<void> {
  try {
    const result = await backfillComments({ channel: access.channel, token: access.token, graph });
    logger.info("comments synced", { channelId: access.channel.id, ...result });
  } catch (error) {
    logger.warn("comments could not be synced; the next reconciliation tries again", { channelId: access.channel.id, error });
  }
}
