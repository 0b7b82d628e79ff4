import { withPublic } from "@/lib/api/handler";
import { readPublicUpload } from "@/lib/uploads/read-public-upload";

/**
 * GET /api/uploads/:id/:signature/:fileName — public (Meta fetches attachments from here; proxy.ts lets
 * /api/uploads/* through). The signed URL is the credential; a wrong id, signature or an expired URL is a plain 404.
 */
export const GET = withPublic<{ id: string; signature: string; fileName: string }>(async (_request, { params }) => {
  const upload = await readPublicUpload(params.id, params.signature);
  if (!upload) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });
  const inline = /^(image|audio|video)\//.test(upload.contentType) || upload.contentType === "application/pdf";
  return new Response(new Uint8Array(upload.data), {
    headers: {
      "content-type": upload.contentType,
      "content-length": String(upload.sizeBytes),
      "content-disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(upload.fileName)}`,
      // The bytes behind a URL never change; the URL stops working when it expires.
      "cache-control": `private, max-age=${Math.max(0, Math.floor((upload.expiresAtMs - Date.now()) / 1000))}, immutable`,
      etag: `"${upload.sha256}"`,
      // Served from our origin: never let a file run as a page of the app.
      "content-security-policy": "sandbox; default-src 'none'",
    },
  });
});
