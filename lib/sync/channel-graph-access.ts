import "server-only";
import { channelToken } from "@/lib/channels/channel-token";
import { markChannelProblem } from "@/lib/channels/mark-channel-problem";
import { db } from "@/lib/db";
import { describeMetaError } from "@/lib/meta/error-map";
import { GraphApiError } from "@/lib/meta/graph-error";
import type { GraphConnection } from "@/lib/meta/graph";
import type { MetaPlatform } from "@/lib/meta/graph-types";
import type { SyncChannel } from "./upsert-conversation";

export interface ChannelGraphAccess {
  channel: SyncChannel & { name: string };
  /** The Page token (decrypted for the duration of the job; never logged or stored elsewhere). */
  token: string;
  /** Conversations API calls count against the Page (Messenger) or the IG account (Instagram). */
  owner: string;
  platform: MetaPlatform;
  /** Which Graph host the token belongs to (lib/meta/graph.ts). */
  connection: GraphConnection;
}

/** What a sync needs to read a channel from Meta, or null when the channel cannot be read (disconnected, token known bad). */
export async function channelGraphAccess(channelId: string): Promise<ChannelGraphAccess | null> {
  const channel = await db.channel.findUnique({
    where: { id: channelId },
    select: { id: true, accountId: true, platform: true, metaId: true, pageMetaId: true, name: true, disconnectedAt: true, tokenStatus: true, accessTokenEncrypted: true, connection: true },
  });
  if (!channel || channel.disconnectedAt || channel.tokenStatus === "NEEDS_RECONNECT" || !channel.accessTokenEncrypted) return null;
  return {
    channel: { id: channel.id, accountId: channel.accountId, platform: channel.platform, metaId: channel.metaId, pageMetaId: channel.pageMetaId, name: channel.name },
    token: await channelToken(channel.id),
    owner: channel.metaId,
    platform: channel.platform === "INSTAGRAM" ? "instagram" : "messenger",
    connection: channel.connection,
  };
}

/**
 * Records a token or permission failure on the channel (admins see "needs reconnect" / "misconfigured";
 * lib/channels/mark-channel-problem.ts). Returns whether the error was such a channel problem — then
 * retrying is pointless until an admin acts.
 */
export async function recordChannelGraphProblem(channelId: string, error: unknown): Promise<boolean> {
  if (!(error instanceof GraphApiError)) return false;
  if (error.isTokenInvalid) {
    await markChannelProblem(channelId, error, "token");
    return true;
  }
  if (describeMetaError(error.code, error.subcode).channelProblem === "permissions") {
    await markChannelProblem(channelId, error, "permissions");
    return true;
  }
  return false;
}
