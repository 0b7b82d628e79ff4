import { withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { listAdminChannels } from "@/lib/channels/list-admin-channels";
import { refreshInstagramToken } from "@/lib/channels/refresh-instagram-token";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";

/**
 * "Renew access now" (Instagram Login): refreshes the channel's long-lived token at once. 200 with the outcome
 * (`refreshed`, or Meta's reason) — Meta refusing is not our error; 409 for a channel without such a token.
 */
export const POST = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    const channel = await db.channel.findFirst({ where: { id: params.id, accountId: agent.accountId, disconnectedAt: null }, select: { id: true, connection: true } });
    if (!channel) throw AppError.notFound("Channel");
    if (channel.connection !== "INSTAGRAM_LOGIN") throw AppError.conflict("Only channels connected with Instagram have a token to renew; Page tokens do not expire.");
    const outcome = await refreshInstagramToken(channel.id, { trigger: "admin" });
    if (!outcome) throw AppError.conflict("This channel has no token to renew. Reconnect it.");
    const channels = await listAdminChannels(agent.accountId);
    return Response.json({
      refreshed: outcome.refreshed,
      error: outcome.refreshed ? null : outcome.error,
      channel: channels.find((c) => c.id === channel.id) ?? null,
    });
  },
  { roles: ADMINS },
);
