"use client";

// The files of the reply being written: checked before uploading (the rule set the server uses too,
// lib/messages/outbound-rules.ts), uploaded at once (POST /api/uploads), and kept until the message that
// carries them is accepted — a send refused before it went out leaves them in the composer.
import { useCallback, useState } from "react";
import { apiFetch } from "@/components/api-client";
import { checkAttachmentFile } from "@/lib/messages/outbound-rules";

export interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  url: string;
}

export interface ComposerAttachment {
  localId: string;
  fileName: string;
  /** uploading → ready → sending (its message is on its way) → gone once accepted, or ready again. */
  state: "uploading" | "ready" | "sending";
  upload?: UploadedFile;
}

export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.set("file", file);
  try {
    const { upload } = await apiFetch<{ upload: UploadedFile }>("/api/uploads", { method: "POST", body: form });
    return upload;
  } catch (error) {
    throw new Error(`${file.name} was not uploaded: ${(error as Error).message}`);
  }
}

export function useComposerUploads(onError: (message: string) => void) {
  const [attachments, setAttachments] = useState<ComposerAttachment[]>([]);

  const addFiles = useCallback(
    async (files: Iterable<File>) => {
      for (const file of files) {
        const problem = checkAttachmentFile(file);
        if (problem) {
          onError(problem);
          continue;
        }
        const localId = crypto.randomUUID();
        setAttachments((list) => [...list, { localId, fileName: file.name, state: "uploading" }]);
        try {
          const upload = await uploadFile(file);
          setAttachments((list) => list.map((a) => (a.localId === localId ? { ...a, state: "ready", upload } : a)));
        } catch (e) {
          setAttachments((list) => list.filter((a) => a.localId !== localId));
          onError((e as Error).message);
        }
      }
    },
    [onError],
  );

  const remove = useCallback((localId: string) => setAttachments((list) => list.filter((a) => a.localId !== localId)), []);

  /** The message carrying these uploads is on its way (true) or was refused and they are back (false). */
  const markSending = useCallback((uploadIds: string[], sending: boolean) => {
    const ids = new Set(uploadIds);
    setAttachments((list) => list.map((a) => (a.upload && ids.has(a.upload.id) ? { ...a, state: sending ? "sending" : "ready" } : a)));
  }, []);

  /** The message carrying these uploads was accepted: they leave the composer. */
  const settle = useCallback((uploadIds: string[]) => {
    const ids = new Set(uploadIds);
    setAttachments((list) => list.filter((a) => !(a.upload && ids.has(a.upload.id))));
  }, []);

  const ready = attachments.filter((a) => a.state === "ready" && a.upload).map((a) => a.upload!);
  const busy = attachments.some((a) => a.state !== "ready");
  return { attachments, ready, busy, addFiles, remove, markSending, settle };
}
