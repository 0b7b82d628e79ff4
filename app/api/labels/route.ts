import { readJson, withAgent } from "@/lib/api/handler";
import { MANAGERS } from "@/lib/auth/session";
import { listLabels } from "@/lib/labels/list-labels";
import { createLabel } from "@/lib/labels/save-label";
import { createLabelSchema } from "@/lib/validations/labels";

/** GET /api/labels → { labels } of the account (every agent). */
export const GET = withAgent(async (_request, { agent }) => Response.json({ labels: await listLabels(agent) }));

/** POST /api/labels {name, color} → 201 { label } · 409 name taken (managers, admins). */
export const POST = withAgent(
  async (request, { agent }) => Response.json({ label: await createLabel({ actor: agent, input: await readJson(request, createLabelSchema) }) }, { status: 201 }),
  { roles: MANAGERS },
);
