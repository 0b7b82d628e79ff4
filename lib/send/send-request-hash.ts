// Fingerprint of what the agent asked to send under one Idempotency-Key: a replay with the same key and
// the same request gets the first answer; the same key with anything else is a 409. Pure.
import { createHash } from "node:crypto";

export interface SendRequestFingerprint {
  conversationId: string;
  /** Trimmed, as validated. */
  text?: string;
  attachments?: { uploadId: string }[];
  replyToMessageId?: string;
  savedReplyId?: string;
}

export function sendRequestHash(request: SendRequestFingerprint): string {
  const canonical = JSON.stringify([
    request.conversationId.toLowerCase(),
    request.text ?? null,
    (request.attachments ?? []).map((a) => a.uploadId.toLowerCase()),
    request.replyToMessageId?.toLowerCase() ?? null,
    // Only when present, so fingerprints of requests without a saved reply stay what they were.
    ...(request.savedReplyId ? [request.savedReplyId.toLowerCase()] : []),
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
