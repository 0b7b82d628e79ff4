import { z } from "zod";
import { idSchema } from "./id-schema";

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

/** `POST /api/me/mentions/read`: the notes whose mentions to mark read, or all of the agent's. */
export const markMentionsReadSchema = z.union([
  z.object({ noteIds: z.array(idSchema()).min(1).max(200) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
