import { readJson, withAgent } from "@/lib/api/handler";
import { getAvailability, setAvailability } from "@/lib/assignment/set-availability";
import { availabilitySchema } from "@/lib/validations/assignment";

/** GET /api/me/availability → { status }. */
export const GET = withAgent(async (_request, { agent }) => Response.json({ status: await getAvailability(agent) }));

/** PUT /api/me/availability {status: "ONLINE"|"AWAY"|"OFFLINE"} → { status }. */
export const PUT = withAgent(async (request, { agent }) => {
  const { status } = await readJson(request, availabilitySchema);
  return Response.json(await setAvailability({ agent, status }));
});
