import { withPublic } from "@/lib/api/handler";
import { answerVerification, receiveWebhook, type WebhookAnswer } from "@/lib/webhooks/receive-webhook";

export const dynamic = "force-dynamic";

const respond = (answer: WebhookAnswer) =>
  new Response(answer.body, { status: answer.status, headers: { "content-type": answer.contentType ?? "text/plain; charset=utf-8" } });

/** Meta's verification request (hub.mode / hub.verify_token / hub.challenge). */
export const GET = withPublic(async (request) => respond(answerVerification(request.nextUrl.searchParams)));

/** Signed webhook events: the body is read as bytes, verified, stored, answered 200; processed afterwards. */
export const POST = withPublic(async (request) => {
  const raw = new Uint8Array(await request.arrayBuffer());
  return respond(await receiveWebhook(raw, request.headers.get("x-hub-signature-256")));
});
