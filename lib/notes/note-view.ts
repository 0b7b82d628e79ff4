// A private note as the browser sees it. Notes live beside the thread's messages and are never sent to Meta.
import type { Prisma } from "@/lib/generated/prisma/client";

export interface NoteView {
  id: string;
  conversationId: string;
  body: string;
  createdAt: string;
  /** Null when the author's account was deleted. */
  author: { id: string; name: string } | null;
}

export const noteViewSelect = {
  id: true,
  conversationId: true,
  body: true,
  createdAt: true,
  author: { select: { id: true, name: true } },
} satisfies Prisma.NoteSelect;

export function toNoteView(row: Prisma.NoteGetPayload<{ select: typeof noteViewSelect }>): NoteView {
  return { id: row.id, conversationId: row.conversationId, body: row.body, createdAt: row.createdAt.toISOString(), author: row.author };
}
