import { withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { getChannelHealth } from "@/lib/health/channel-health";

export const dynamic = "force-dynamic";

/** The channel's health: what we recorded and what Meta says now (debug_token, subscribed_apps). Never a token. */
export const GET = withAgent<{ id: string }>(async (_request, { agent, params }) => Response.json({ health: await getChannelHealth(agent.accountId, params.id) }), { roles: ADMINS });
