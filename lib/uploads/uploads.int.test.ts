// Agent uploads: type from the bytes, limits before storing, the public signed URL served by our route,
// and attachments sent by that URL — which Meta (the simulator's CDN) resolves to our bytes.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { sendAgentMessage } from "@/lib/send/send-agent-message";
import { asSession, createAccount, createTestAgent } from "@/scripts/testing/factories";
import { startSendHarness, type SendHarness } from "@/scripts/testing/send-harness";
import { listConversationMessages } from "@/lib/conversations/list-conversation-messages";
import { splitOutgoing } from "@/lib/messages/outbound-rules";
import { sendMessageSchema } from "@/lib/validations/messages";
import { storeUpload } from "./store-upload";
import { UPLOAD_URL_TTL_MS, uploadSignature } from "./upload-url";
import { markUploadsAttached, pruneUnsentUploads, UNSENT_UPLOAD_RETENTION_DAYS } from "./upload-lifecycle";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("a tiny test picture")]);
const PDF = Buffer.from("%PDF-1.4\n% a receipt\n");

let h: SendHarness;
let app: Server;
let appUrl: string;

beforeAll(async () => {
  // Our upload route behind a real HTTP server at APP_URL, so URLs built from APP_URL can be fetched.
  app = createServer((req, res) => {
    void (async () => {
      const { GET } = await import("@/app/api/uploads/[id]/[signature]/[fileName]/route");
      const url = new URL(req.url ?? "/", appUrl);
      const [, , , id, signature, fileName] = url.pathname.split("/");
      const response = await GET(new NextRequest(url), { params: Promise.resolve({ id: id ?? "", signature: signature ?? "", fileName: fileName ?? "" }) });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  process.env.APP_URL = appUrl;
  h = await startSendHarness();
});
afterAll(async () => {
  await h?.close();
  await new Promise((resolve) => app?.close(resolve));
});
beforeEach(async () => {
  await h.clearSendLog();
});

const file = (bytes: Buffer, name: string, type = "application/octet-stream") => new File([new Uint8Array(bytes)], name, { type });
const send = (conversationId: string, input: Parameters<typeof sendAgentMessage>[0]["input"]) =>
  sendAgentMessage({ agent: h.agent, conversationId, idempotencyKey: crypto.randomUUID(), input });

describe("uploads", () => {
  it("stores the file under the type its bytes show, and serves it publicly at its signed URL only", async () => {
    const upload = await storeUpload({ agent: h.agent, file: file(PNG, "C:\\fakepath\\label.PNG", "text/html") });
    expect(upload).toMatchObject({ fileName: "label.png", contentType: "image/png", sizeBytes: PNG.length });
    expect(upload.url).toMatch(new RegExp(`^${appUrl}/api/uploads/${upload.id}/[0-9a-z]+\\.[\\w-]{32}/label\\.png$`));

    const served = await fetch(upload.url);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("content-security-policy")).toMatch(/sandbox/);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);

    const forged = upload.url.replace(/\.[\w-]{32}\//, `.${"A".repeat(32)}/`);
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(`${appUrl}/api/uploads/${crypto.randomUUID()}/${"A".repeat(32)}/x.png`)).status).toBe(404);
    expect((await fetch(`${appUrl}/api/uploads/not-an-id/x/y`)).status).toBe(404);
  });

  it("refuses formats Meta does not take (415) and files over their type's limit (413) before storing anything", async () => {
    const before = await db.upload.count();
    const html = await storeUpload({ agent: h.agent, file: file(Buffer.from("<!doctype html><script>alert(1)</script>"), "cat.png", "image/png") }).catch((e: AppError) => e);
    expect(html).toMatchObject({ status: 415, code: "unsupported_media_type" });
    const bigImage = Buffer.alloc(8 * 1024 * 1024 + 1);
    PNG.copy(bigImage);
    const tooBig = await storeUpload({ agent: h.agent, file: file(bigImage, "huge.png") }).catch((e: AppError) => e);
    expect(tooBig).toMatchObject({ status: 413, code: "payload_too_large" });
    expect((tooBig as AppError).message).toMatch(/8 MB/);
    expect(await db.upload.count()).toBe(before);
  });
});

describe("sending attachments by URL", () => {
  it("an image goes as `attachment` with our public URL; Meta's copy of it resolves to our bytes", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const upload = await storeUpload({ agent: h.agent, file: file(PNG, "label.png") });
    const { message } = await send(conversation.id, { attachments: [{ uploadId: upload.id }] });
    expect(message).toMatchObject({ sendStatus: "SENT", text: null, attachments: [{ type: "image", url: upload.url, name: "label.png" }] });

    const [entry] = await h.sendLog();
    expect((entry!.request.message as Record<string, unknown>).attachment).toEqual({ type: "image", payload: { url: upload.url, is_reusable: false } });
    // The person's side: Meta's CDN URL of the attachment leads to the file we serve.
    const atMeta = await h.sim.control<{ attachments: { url: string }[] }>("GET", `/messages/${encodeURIComponent(message.mid!)}`);
    const fetched = await fetch(atMeta.attachments[0]!.url);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(PNG);
  });

  it("several images go as `attachments[]`; a PDF as a file; on Instagram too", async () => {
    const conversation = await h.conversation(h.instagram, { hours: 1 });
    const a = await storeUpload({ agent: h.agent, file: file(PNG, "a.png") });
    const b = await storeUpload({ agent: h.agent, file: file(PNG, "b.png") });
    const receipt = await storeUpload({ agent: h.agent, file: file(PDF, "receipt.pdf") });
    expect((await send(conversation.id, { attachments: [{ uploadId: a.id }, { uploadId: b.id }] })).message.sendStatus).toBe("SENT");
    expect((await send(conversation.id, { attachments: [{ uploadId: receipt.id }] })).message.sendStatus).toBe("SENT");
    const log = await h.sendLog();
    expect((log[0]!.request.message as Record<string, unknown>).attachments).toEqual([
      { type: "image", payload: { url: a.url } },
      { type: "image", payload: { url: b.url } },
    ]);
    expect((log[1]!.request.message as { attachment: { type: string } }).attachment.type).toBe("file");
  });

  it("what the composer plans is what the API accepts: 12 images on Messenger in one message, 10 + 2 on Instagram", async () => {
    const twelve = await Promise.all(Array.from({ length: 12 }, (_, i) => storeUpload({ agent: h.agent, file: file(PNG, `p${i}.png`) })));
    const reply = { text: null, attachments: twelve.map((u) => ({ uploadId: u.id, contentType: u.contentType })), replyToMessageId: null };
    for (const channel of [h.messenger, h.instagram]) {
      const conversation = await h.conversation(channel, { hours: 1 });
      for (const part of splitOutgoing(channel.platform, reply)) {
        // As the route reads it: the request schema first, then the per-platform rules inside the send.
        const input = sendMessageSchema.parse({ attachments: part.attachments.map((a) => ({ uploadId: a.uploadId })) });
        expect((await send(conversation.id, input)).message.sendStatus).toBe("SENT");
      }
    }
    const log = await h.sendLog();
    expect(log.map((e) => ((e.request.message as { attachments?: unknown[] }).attachments ?? []).length)).toEqual([12, 10, 2]);
  });

  it("text with a file or several non-images: 400; another account's or another agent's upload: 404; nothing sent", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const image = await storeUpload({ agent: h.agent, file: file(PNG, "a.png") });
    const receipt = await storeUpload({ agent: h.agent, file: file(PDF, "r.pdf") });
    const foreignAgent = asSession(await createTestAgent((await createAccount()).id));
    const foreign = await storeUpload({ agent: foreignAgent, file: file(PNG, "theirs.png") });
    const teammate = asSession(await createTestAgent(h.agent.accountId, "ADMIN"));
    const teammates = await storeUpload({ agent: teammate, file: file(PNG, "colleague.png") });
    for (const input of [{ text: "Here is the label", attachments: [{ uploadId: image.id }] }, { attachments: [{ uploadId: image.id }, { uploadId: receipt.id }] }]) {
      expect(await send(conversation.id, input).catch((e: AppError) => e.status)).toBe(400);
    }
    for (const input of [{ attachments: [{ uploadId: foreign.id }] }, { attachments: [{ uploadId: teammates.id }] }, { attachments: [{ uploadId: image.id }, { uploadId: teammates.id }] }]) {
      expect(await send(conversation.id, input).catch((e: AppError) => ({ status: e.status, code: e.code }))).toEqual({ status: 404, code: "not_found" });
    }
    expect(await h.sendLog()).toEqual([]);
    expect(await db.upload.count({ where: { id: { in: [image.id, teammates.id] }, attachedAt: { not: null } } })).toBe(0);
  });

  it("the thread shows fresh signed URLs of our uploads; an expired URL is a 404", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const upload = await storeUpload({ agent: h.agent, file: file(PNG, "fresh.png") });
    const { message } = await send(conversation.id, { attachments: [{ uploadId: upload.id }] });
    // The URL stored with the message has expired meanwhile.
    const stale = `${appUrl}/api/uploads/${upload.id}/${uploadSignature(process.env.AUTH_SECRET!, upload.id, Date.now() - 3 * UPLOAD_URL_TTL_MS)}/fresh.png`;
    await db.message.update({ where: { id: message.id }, data: { attachments: [{ type: "image", url: stale, name: "fresh.png", uploadId: upload.id, contentType: "image/png", sizeBytes: PNG.length }] } });
    expect((await fetch(stale)).status).toBe(404);

    const { messages } = await listConversationMessages({ agent: h.agent, conversationId: conversation.id, limit: 50 });
    const shown = messages.find((m) => m.id === message.id)!.attachments[0]!.url!;
    expect(shown).not.toBe(stale);
    const served = await fetch(shown);
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toMatch(/^private, max-age=\d+, immutable$/);
  });
});

describe("unsent uploads are pruned after their retention", () => {
  const DAY = 24 * 3_600_000;
  const age = (id: string, days: number) => db.upload.update({ where: { id }, data: { createdAt: new Date(Date.now() - days * DAY) } });
  const exists = async (id: string) => (await db.upload.count({ where: { id } })) === 1;

  it("sending marks the upload attached; only old uploads no message carries are deleted, and their URL is gone", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const sent = await storeUpload({ agent: h.agent, file: file(PNG, "sent.png") });
    const abandoned = await storeUpload({ agent: h.agent, file: file(PNG, "abandoned.png") });
    const recent = await storeUpload({ agent: h.agent, file: file(PNG, "recent.png") });
    expect((await send(conversation.id, { attachments: [{ uploadId: sent.id }] })).message.sendStatus).toBe("SENT");
    expect(await db.upload.findUnique({ where: { id: sent.id }, select: { attachedAt: true } })).toMatchObject({ attachedAt: expect.any(Date) });
    expect(await db.upload.findUnique({ where: { id: abandoned.id }, select: { attachedAt: true } })).toEqual({ attachedAt: null });

    await age(sent.id, UNSENT_UPLOAD_RETENTION_DAYS + 1);
    await age(abandoned.id, UNSENT_UPLOAD_RETENTION_DAYS + 1);
    await age(recent.id, UNSENT_UPLOAD_RETENTION_DAYS - 1);
    expect(await pruneUnsentUploads({ batchSize: 1 })).toBeGreaterThanOrEqual(1);

    expect(await exists(abandoned.id)).toBe(false);
    expect((await fetch(abandoned.url)).status).toBe(404);
    expect(await exists(sent.id)).toBe(true);
    expect((await fetch(sent.url)).status).toBe(200);
    expect(await exists(recent.id)).toBe(true);
  });

  it("a draft whose upload was pruned is refused with 404 and nothing reaches Meta", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const upload = await storeUpload({ agent: h.agent, file: file(PNG, "late.png") });
    await age(upload.id, UNSENT_UPLOAD_RETENTION_DAYS + 1);
    await pruneUnsentUploads();
    const refused = await send(conversation.id, { attachments: [{ uploadId: upload.id }] }).catch((e: AppError) => e);
    expect(refused).toMatchObject({ status: 404, message: "An attachment was not found. Upload it again." });
    expect(await h.sendLog()).toEqual([]);
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
  });

  it("an upload deleted between validation and storing the message: the message is rolled back, not stored with a dead link", async () => {
    const conversation = await h.conversation(h.messenger, { hours: 1 });
    const upload = await storeUpload({ agent: h.agent, file: file(PNG, "raced.png") });
    const refused = await db
      .$transaction(async (tx) => {
        await tx.message.create({
          data: { accountId: h.agent.accountId, channelId: h.messenger.id, conversationId: conversation.id, direction: "OUTBOUND", senderKind: "AGENT", sentAt: new Date(), text: "stand-in for the outbox row" },
        });
        await db.upload.delete({ where: { id: upload.id } }); // the prune, on another connection
        await markUploadsAttached(tx, h.agent.accountId, [upload.id], new Date());
      })
      .catch((e: AppError) => e);
    expect(refused).toMatchObject({ status: 404 });
    expect(await db.message.count({ where: { conversationId: conversation.id, direction: "OUTBOUND" } })).toBe(0);
  });
});
