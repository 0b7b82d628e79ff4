// What our app puts in `message.metadata` of every send: our outbox message id. Meta returns it on the echo
// webhook, which is how an unknown outcome (timeout) is settled — the echo proves the message went out —
// and how our own echoes are told apart from other apps' (together with app_id). Pure.
import { isUuid } from "@/lib/validations/uuid";

const PREFIX = "inbox:v1:";

export function outboxMetadata(messageId: string): string {
  return `${PREFIX}${messageId}`;
}

/** Our outbox message id from an echo's metadata, or null when the echo is not one of ours. */
export function parseOutboxMetadata(metadata: unknown): string | null {
  if (typeof metadata !== "string" || !metadata.startsWith(PREFIX)) return null;
  const id = metadata.slice(PREFIX.length);
  return isUuid(id) ? id.toLowerCase() : null;
}
