import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/logger";
import { answerVerification, MAX_BODY_BYTES, receiveWebhook, type WebhookAnswer } from "./receive-webhook";

export const WEBHOOK_PATH = "/api/webhooks/meta";

/**
 * The webhook endpoint on plain node:http, for the app server (scripts/serve.ts): the same receiver as the
 * Next route (app/api/webhooks/meta/route.ts, used by `next dev`), without Next's per-request pipeline,
 * which costs several milliseconds of CPU a request — the one endpoint where Meta's bursts make that matter.
 * Returns false for requests that are not for it.
 */
export async function handleWebhookRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? "/", "http://app.invalid");
  if (url.pathname !== WEBHOOK_PATH) return false;
  try {
    if (req.method === "GET") {
      answer(res, answerVerification(url.searchParams));
    } else if (req.method === "POST") {
      const raw = await readBody(req);
      answer(res, raw ? await receiveWebhook(raw, header(req, "x-hub-signature-256")) : { status: 413, body: "payload too large" });
    } else {
      res.writeHead(405, { allow: "GET, POST" }).end();
    }
  } catch (error) {
    logger.error("webhook request failed", { error });
    if (!res.headersSent) answer(res, { status: 500, body: "internal error" });
  }
  return true;
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/** The raw bytes (the signature covers them exactly), or null when the body exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) {
      req.resume(); // drain without keeping it
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

function answer(res: ServerResponse, { status, body, contentType }: WebhookAnswer) {
  res.writeHead(status, { "content-type": contentType ?? "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}
