import { z } from "zod";

/** An agent's own alert settings (GET/PATCH /api/me/preferences and the inbox's Alerts panel). Off by default. */
export const agentPreferencesSchema = z.object({
  /** A desktop notification for a new message in Mine or Unassigned while the inbox is not in front. */
  desktopNotifications: z.boolean(),
  /** A short chime for the same. */
  sound: z.boolean(),
});

export type AgentPreferences = z.infer<typeof agentPreferencesSchema>;

export const DEFAULT_PREFERENCES: AgentPreferences = { desktopNotifications: false, sound: false };

/** PATCH: any of the settings; nothing else. */
export const agentPreferencesPatchSchema = agentPreferencesSchema
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Change at least one setting." });

/** What is stored (JSONB, possibly older or partial) read as settings: unknown keys dropped, missing ones default. */
export function preferencesOf(stored: unknown): AgentPreferences {
  const parsed = agentPreferencesSchema.partial().safeParse(stored);
  return { ...DEFAULT_PREFERENCES, ...(parsed.success ? parsed.data : {}) };
}
