import { readJson, withAgent } from "@/lib/api/handler";
import { ADMINS } from "@/lib/auth/session";
import { getCsatSettings, saveCsatSettings } from "@/lib/csat/csat-settings";
import { csatSettingsSchema } from "@/lib/validations/csat";

/** GET /api/admin/csat → { csat: {enabled, question, privacyUrl, defaultQuestion} } (admins). */
export const GET = withAgent(async (_request, { agent }) => Response.json({ csat: await getCsatSettings(agent) }), { roles: ADMINS });

/** PUT /api/admin/csat {enabled, question?, privacyUrl?} → { csat } · 400 field errors (admins). */
export const PUT = withAgent(
  async (request, { agent }) => Response.json({ csat: await saveCsatSettings({ actor: agent, input: await readJson(request, csatSettingsSchema) }) }),
  { roles: ADMINS },
);
