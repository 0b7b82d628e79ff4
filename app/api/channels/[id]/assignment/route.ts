import { readJson, withAgent } from "@/lib/api/handler";
import { setChannelAssignment } from "@/lib/assignment/set-channel-assignment";
import { ADMINS } from "@/lib/auth/session";
import { channelAssignmentSchema } from "@/lib/validations/assignment";

/** PUT /api/channels/:id/assignment {mode: "OFF"|"ROUND_ROBIN"|"LEAST_OPEN", capacity?} → { channelId, mode, capacity } (admins). */
export const PUT = withAgent<{ id: string }>(
  async (request, { agent, params }) =>
    Response.json(await setChannelAssignment({ actor: agent, channelId: params.id, input: await readJson(request, channelAssignmentSchema) })),
  { roles: ADMINS },
);
