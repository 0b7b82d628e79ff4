import { z } from "zod";

export const NOTE_MAX_LENGTH = 5000;

/** POST /api/conversations/:id/notes and the composer's "Private note" mode. */
export const addNoteSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "Write the note first.")
    .max(NOTE_MAX_LENGTH, `Notes can be at most ${NOTE_MAX_LENGTH} characters.`),
});

export type AddNoteInput = z.infer<typeof addNoteSchema>;
