import { withAgent } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";
import { storeUpload } from "@/lib/uploads/store-upload";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/upload-limits";

/** Room for the multipart envelope around the largest allowed file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * POST /api/uploads (multipart/form-data, field `file`) → 201 {upload: {id, fileName, contentType, sizeBytes, url}}
 * · 413 too large for its type · 415 not a format Meta accepts · 400 no file.
 */
export const POST = withAgent(async (request, { agent }) => {
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) {
    throw new AppError("payload_too_large", `Files can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (images 8 MB).`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw AppError.invalid("Send the file as multipart/form-data in the field \"file\".");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw AppError.invalid("Send the file as multipart/form-data in the field \"file\".", { fields: { file: ["Choose a file."] } });
  return Response.json({ upload: await storeUpload({ agent, file }) }, { status: 201 });
});
