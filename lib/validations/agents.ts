import { z } from "zod";
import { idSchema } from "./id-schema";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";

export const AGENT_ROLES = ["AGENT", "MANAGER", "ADMIN"] as const;

/** How a role is named to people (the header, the Agents page, the @ picker). */
export const ROLE_LABELS: Record<(typeof AGENT_ROLES)[number], string> = { AGENT: "Agent", MANAGER: "Manager", ADMIN: "Admin" };

const password = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

/** Admin → "Add agent" form and POST /api/admin/agents. */
export const createAgentSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(100),
  email: z.string().trim().toLowerCase().email("Enter a valid email address."),
  role: z.enum(AGENT_ROLES),
  password,
  channelIds: z.array(idSchema()).max(500).default([]),
});

/** PATCH /api/admin/agents/:id — any subset. */
export const updateAgentSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    role: z.enum(AGENT_ROLES),
    active: z.boolean(),
    password,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Nothing to change.");

/** PUT /api/admin/agents/:id/channels — the complete set of channels the agent works. */
export const setAgentChannelsSchema = z.object({
  channelIds: z.array(idSchema()).max(500),
});

export type CreateAgentInput = z.infer<typeof createAgentSchema>;
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;
