import { withAgent } from "@/lib/api/handler";
import { readUploadFile } from "@/lib/uploads/read-upload-file";
import { storeUpload } from "@/lib/uploads/store-upload";

/**
 * POST /api/uploads (multipart/form-data, field `file`) → 201 {upload: {id, fileName, contentType, sizeBytes, url}}
 * · 413 too large for its type (reading stops at the largest limit) · 415 not a format Meta accepts · 400 no file.
 */
export const POST = withAgent(async (request, { agent }) => {
  const file = await readUploadFile(request);
  return Response.json({ upload: await storeUpload({ agent, file }) }, { status: 201 });
});
