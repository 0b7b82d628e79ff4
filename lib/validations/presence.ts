import { z } from "zod";

/** POST /api/conversations/:id/presence — a tab's heartbeat or goodbye (components/inbox/use-presence.ts). */
export const presenceSchema = z.object({
  /** A random id per browser tab: an agent's tabs are present independently. */
  clientId: z.string().trim().min(8, "clientId must be 8–64 characters.").max(64, "clientId must be 8–64 characters."),
  state: z.enum(["viewing", "typing", "left"]),
});

export type PresenceInput = z.infer<typeof presenceSchema>;
