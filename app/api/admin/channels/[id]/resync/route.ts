import { withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requestReconcile } from "@/lib/sync/schedule-reconcile";

/** "Re-sync now": a full reconciliation of the channel, queued at once. */
export const POST = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    const channel = await db.channel.findFirst({ where: { id: params.id, accountId: agent.accountId, disconnectedAt: null }, select: { id: true } });
    if (!channel) throw AppError.notFound("Channel");
    const queued = await requestReconcile(channel.id, { full: true });
    return Response.json({ queued }, { status: 202 });
  },
  { roles: ADMINS },
);
