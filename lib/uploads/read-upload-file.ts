// The file of POST /api/uploads (multipart/form-data, field `file`), read through a byte limit: a body over
// the largest allowed file is refused with 413 as soon as that many bytes arrived — whatever Content-Length
// says or whether it is sent at all — so memory never holds more than the limit.
import { declaredLength, limitBody } from "@/lib/api/limit-body";
import { AppError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "./upload-limits";

/** Room for the multipart envelope around the largest allowed file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
export const MAX_UPLOAD_REQUEST_BYTES = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES;

const tooLarge = () => new AppError("payload_too_large", `Files can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB (images 8 MB).`);
const notMultipart = () => AppError.invalid('Send the file as multipart/form-data in the field "file".', { fields: { file: ["Choose a file."] } });

export async function readUploadFile(request: Request): Promise<Blob & { name?: string }> {
  if ((declaredLength(request) ?? 0) > MAX_UPLOAD_REQUEST_BYTES) throw tooLarge();
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(type)) throw notMultipart();
  const body = limitBody(request.body, MAX_UPLOAD_REQUEST_BYTES);
  let form: FormData;
  try {
    form = await new Response(body.stream, { headers: { "content-type": type } }).formData();
  } catch {
    if (body.exceeded()) throw tooLarge();
    throw notMultipart();
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw notMultipart();
  return file;
}
