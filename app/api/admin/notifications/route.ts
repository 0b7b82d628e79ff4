import { withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { listAdminNotifications } from "@/lib/notifications/admin-notifications";

export const dynamic = "force-dynamic";

/** The signed-in admin's notifications, unread count and the channels needing attention (the header's bell). */
export const GET = withAgent(async (_request, { agent }) => Response.json(await listAdminNotifications(agent)), { roles: ADMINS });
