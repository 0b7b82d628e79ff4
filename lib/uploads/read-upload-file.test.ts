import { describe, expect, it } from "vitest";
import type { AppError } from "@/lib/errors";
import { readUploadFile } from "./read-upload-file";
import { MAX_UPLOAD_BYTES } from "./upload-limits";

const MB = 1024 * 1024;
const BOUNDARY = "----inbox-test-boundary";

/** A multipart body with one file of `fileBytes`, produced lazily and sent without Content-Length. */
function streamedUpload(fileBytes: number) {
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="big.png"\r\ncontent-type: image/png\r\n\r\n`);
  const tail = new TextEncoder().encode(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = new Uint8Array(256 * 1024);
  let produced = 0;
  let state: "head" | "file" | "tail" | "done" = "head";
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state === "head") {
        state = "file";
        produced += head.byteLength;
        return controller.enqueue(head);
      }
      if (state === "file") {
        const size = Math.min(chunk.byteLength, fileBytes - (produced - head.byteLength));
        if (size > 0) {
          produced += size;
          return controller.enqueue(chunk.subarray(0, size));
        }
        state = "tail";
      }
      if (state === "tail") {
        state = "done";
        produced += tail.byteLength;
        return controller.enqueue(tail);
      }
      controller.close();
    },
  });
  const request = new Request("http://inbox.test/api/uploads", {
    method: "POST",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: "half",
  } as RequestInit);
  return { request, produced: () => produced };
}

describe("reading an upload", () => {
  it("a 200 MB file sent without Content-Length is refused with 413 once the limit is passed, not read whole", async () => {
    const upload = streamedUpload(200 * MB);
    const error = await readUploadFile(upload.request).catch((e: AppError) => e);
    expect(error).toMatchObject({ status: 413, code: "payload_too_large" });
    expect(upload.produced()).toBeLessThan(MAX_UPLOAD_BYTES + 2 * MB);
  });

  it("a file within the limit is read", async () => {
    const upload = streamedUpload(1 * MB);
    const file = await readUploadFile(upload.request);
    expect(file.size).toBe(1 * MB);
  });

  it("a declared Content-Length over the limit is refused before reading", async () => {
    const request = new Request("http://inbox.test/api/uploads", {
      method: "POST",
      headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(200 * MB) },
      body: "x",
    });
    expect(await readUploadFile(request).catch((e: AppError) => e.status)).toBe(413);
  });

  it("a body that is not multipart is a 400", async () => {
    const request = new Request("http://inbox.test/api/uploads", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await readUploadFile(request).catch((e: AppError) => e.status)).toBe(400);
  });
});
