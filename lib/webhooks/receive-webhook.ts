import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { entryChanges, readWebhookEnvelope, type WebhookEnvelope } from "./parse-webhook";
import { storeWebhookEvent } from "./store-webhook-event";
import { verifySubscription } from "./verify-subscription";
import { verifyWebhookSignature } from "./verify-signature";

/** Meta batches up to 1000 events per POST; anything far larger is not Meta. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface WebhookAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/**
 * A webhook POST: the signature is checked over the raw bytes (401 and nothing stored when it is missing or
 * wrong), the body must be Meta's envelope (400 and nothing stored otherwise), then it is stored durably and
 * answered at once; processing happens afterwards (lib/webhooks/webhook-processor.ts). Events for Pages we
 * do not serve are acknowledged like any other and ignored by the processor.
 */
export async function receiveWebhook(rawBody: Uint8Array, signatureHeader: string | null): Promise<WebhookAnswer> {
  if (rawBody.byteLength > MAX_BODY_BYTES) {
    logger.warn("webhook refused: body too large", { bytes: rawBody.byteLength });
    return { status: 413, body: "payload too large" };
  }
  // Webhooks of the Instagram app (Instagram Login) are signed with its secret when it has its own.
  const config = env();
  const secrets = [config.META_APP_SECRET, ...(config.META_INSTAGRAM_APP_SECRET && config.META_INSTAGRAM_APP_SECRET !== config.META_APP_SECRET ? [config.META_INSTAGRAM_APP_SECRET] : [])];
  if (!secrets.some((secret) => verifyWebhookSignature(rawBody, signatureHeader, secret))) {
    logger.warn("webhook refused: missing or invalid X-Hub-Signature-256", { hasSignature: Boolean(signatureHeader), bytes: rawBody.byteLength });
    return { status: 401, body: "invalid signature" };
  }
  const text = Buffer.from(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength).toString("utf8");
  const read = readWebhookEnvelope(text);
  if (!read.ok) {
    logger.warn("webhook refused: signed body is not a Meta webhook envelope", { reason: read.reason, bytes: rawBody.byteLength });
    return { status: 400, body: "malformed webhook" };
  }
  await storeWebhookEvent(text, signatureHeader!.trim().toLowerCase(), countItems(read.envelope));
  return { status: 200, body: "EVENT_RECEIVED" };
}

/** Messaging items of a body (the processor sizes its transactions by them). */
function countItems(envelope: WebhookEnvelope): number {
  let count = 0;
  for (const entry of envelope.entry) {
    for (const key of ["messaging", "standby"]) count += Array.isArray(entry[key]) ? (entry[key] as unknown[]).length : 0;
    count += entryChanges(entry).length;
  }
  return count;
}

/** The verification GET Meta sends when a callback is configured or a Page subscribes. */
export function answerVerification(query: URLSearchParams): WebhookAnswer {
  const result = verifySubscription(query, env().META_VERIFY_TOKEN);
  if (!result.ok) {
    logger.warn("webhook verification refused", { mode: query.get("hub.mode") });
    return { status: 403, body: "forbidden" };
  }
  return { status: 200, body: result.challenge, contentType: "text/plain; charset=utf-8" };
}
