import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { markAdminNotificationsRead } from "@/lib/notifications/admin-notifications";
import { markNotificationsReadSchema } from "@/lib/validations/notifications";

/** Marks the admin's notifications read: `{ids: [...]}` or `{all: true}`; answers how many changed. */
export const POST = withAgent(
  async (request, { agent }) => {
    const which = await readJson(request, markNotificationsReadSchema);
    const marked = await markAdminNotificationsRead(agent, which);
    return Response.json({ marked });
  },
  { roles: ADMINS },
);
