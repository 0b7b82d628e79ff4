import { withAgent } from "@/lib/api/handler";
import { getNote } from "@/lib/notes/get-note";

/** GET /api/conversations/:id/notes/:noteId → { note: NoteView } (what realtime `note.added` fetches) */
export const GET = withAgent<{ id: string; noteId: string }>(async (_request, { agent, params }) =>
  Response.json({ note: await getNote({ agent, conversationId: params.id, noteId: params.noteId }) }),
);
