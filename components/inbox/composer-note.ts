"use client";

// The composer's "Private note" mode: its own text (a note never mixes with the reply's draft), saved with
// the notes API; the text stays when saving fails.
import { useState } from "react";

export function useNoteDraft(onAddNote: (body: string) => Promise<unknown>) {
  const [text, setText] = useState("");
  const [saving, setSaving] = useState(false);

  /** Saves the note; resolves to the error message when it was not saved. */
  async function save(): Promise<string | null> {
    setSaving(true);
    try {
      await onAddNote(text.trim());
      setText("");
      return null;
    } catch (e) {
      return (e as Error).message;
    } finally {
      setSaving(false);
    }
  }

  return { text, setText, saving, save };
}
