import "server-only";
import { createHash } from "node:crypto";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publicUploadUrl } from "./public-upload-url";
import { sniffFileType, SNIFF_BYTES } from "./sniff-file-type";
import { checkUpload, safeFileName } from "./upload-limits";

export interface UploadView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  /** Public, signed: what Meta fetches and what the thread shows. */
  url: string;
}

/**
 * Stores a file an agent wants to send. Its type comes from its bytes (never from the client), and the
 * limits for that type are checked before anything is read in full or stored.
 */
export async function storeUpload({ agent, file }: { agent: SessionAgent; file: Blob & { name?: string } }): Promise<UploadView> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = sniffFileType(head);
  const problem = checkUpload(type, file.size);
  if (problem) throw new AppError(problem.code, problem.message);
  const data = Buffer.from(await file.arrayBuffer());
  const fileName = safeFileName(file.name, type!);
  const upload = await db.upload.create({
    data: {
      accountId: agent.accountId,
      agentId: agent.id,
      fileName,
      contentType: type!.contentType,
      sizeBytes: data.length,
      sha256: createHash("sha256").update(data).digest("hex"),
      data,
    },
    select: { id: true, fileName: true, contentType: true, sizeBytes: true },
  });
  return { ...upload, url: publicUploadUrl(upload) };
}
