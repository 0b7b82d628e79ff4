import "server-only";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

// An upload lives as long as a message links to it: the thread shows it and Meta fetched it by its URL. One
// that no message ever carried (the agent removed it from the composer, or left the draft) is deleted after
// UNSENT_UPLOAD_RETENTION_DAYS, so abandoned files do not pile up in the database.

export const UNSENT_UPLOAD_RETENTION_DAYS = 7;

const NOT_FOUND = "An attachment was not found. Upload it again.";

/** The error for an attachment whose upload is not the agent's to send (never existed, someone else's, or pruned). */
export function attachmentNotFound(): AppError {
  return new AppError("not_found", NOT_FOUND, { fields: { attachments: [NOT_FOUND] } });
}

/**
 * Marks the uploads a new message carries, in the transaction that stores the message. The row lock this
 * takes orders it with a concurrent prune: whichever commits first wins, and if the prune did, the message is
 * refused here (and rolled back) rather than stored with a link to nothing.
 */
export async function markUploadsAttached(tx: Tx, accountId: string, uploadIds: string[], now: Date): Promise<void> {
  const ids = [...new Set(uploadIds)];
  if (ids.length === 0) return;
  const marked = await tx.$executeRaw`
    UPDATE uploads SET attached_at = COALESCE(attached_at, ${now})
     WHERE account_id = ${accountId}::uuid AND id = ANY(${ids}::uuid[])`;
  if (marked < ids.length) throw attachmentNotFound();
}

/**
 * Deletes uploads no message carries that are older than the retention, in batches. `SKIP LOCKED` leaves
 * rows a send is attaching right now to that send, and lets several instances share the work.
 * Run hourly by the periodic job "uploads.prune" (lib/jobs/periodic-jobs.ts).
 */
export async function pruneUnsentUploads({ now = new Date(), batchSize = 500 }: { now?: Date; batchSize?: number } = {}): Promise<number> {
  const before = new Date(now.getTime() - UNSENT_UPLOAD_RETENTION_DAYS * 24 * 3_600_000);
  let total = 0;
  for (;;) {
    const deleted = await db.$executeRaw`
      DELETE FROM uploads WHERE id IN (
        SELECT id FROM uploads
         WHERE attached_at IS NULL AND created_at < ${before}
         ORDER BY created_at
         LIMIT ${batchSize}
         FOR UPDATE SKIP LOCKED)`;
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
