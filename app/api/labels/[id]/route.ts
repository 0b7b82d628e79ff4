import { readJson, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { deleteLabel, updateLabel } from "@/lib/labels/save-label";
import { updateLabelSchema } from "@/lib/validations/labels";

/** PATCH /api/labels/:id {name?, color?} → { label } (managers, admins). */
export const PATCH = withAgent<{ id: string }>(
  async (request, { agent, params }) =>
    Response.json({ label: await updateLabel({ actor: agent, labelId: params.id, input: await readJson(request, updateLabelSchema) }) }),
  { roles: MANAGERS },
);

/** DELETE /api/labels/:id → 204; the label leaves every conversation (managers, admins). */
export const DELETE = withAgent<{ id: string }>(
  async (_request, { agent, params }) => {
    await deleteLabel({ actor: agent, labelId: params.id });
    return new Response(null, { status: 204 });
  },
  { roles: MANAGERS },
);
