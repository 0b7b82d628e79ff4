import { readJson, withAgent } from "@/lib/api/handler";
import { addNote } from "@/lib/notes/add-note";
import { listNotes } from "@/lib/notes/list-notes";
import { addNoteSchema } from "@/lib/validations/notes";

/** GET /api/conversations/:id/notes → { notes: NoteView[] } (oldest first) */
export const GET = withAgent<{ id: string }>(async (_request, { agent, params }) =>
  Response.json({ notes: await listNotes({ agent, conversationId: params.id }) }),
);

/** POST /api/conversations/:id/notes {body} → 201 { note: NoteView } */
export const POST = withAgent<{ id: string }>(async (request, { agent, params }) => {
  const input = await readJson(request, addNoteSchema);
  return Response.json({ note: await addNote({ author: agent, conversationId: params.id, input }) }, { status: 201 });
});
