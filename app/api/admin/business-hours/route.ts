import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { getBusinessHours } from "@/lib/sla/get-business-hours";
import { saveBusinessHours } from "@/lib/sla/save-business-hours";
import { businessHoursSchema } from "@/lib/validations/business-hours";

/** GET /api/admin/business-hours → { businessHours } (every signed-in agent: the inbox's SLA clocks read it). */
export const GET = withAgent(async (_request, { agent }) => Response.json({ businessHours: await getBusinessHours(agent.accountId) }));

/** PUT /api/admin/business-hours {timezone?, weekly, holidays?, sla…Minutes?, autoReply?} → { businessHours } (admins). */
export const PUT = withAgent(
  async (request, { agent }) => Response.json({ businessHours: await saveBusinessHours({ actor: agent, input: await readJson(request, businessHoursSchema) }) }),
  { roles: ADMINS },
);
