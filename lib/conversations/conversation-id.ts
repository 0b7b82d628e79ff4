import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validations/uuid";

/** Ids come from URLs: anything that is not one of our ids is simply not found (never a database error). */
export function requireId(value: string, what = "Conversation"): string {
  if (!isUuid(value)) throw AppError.notFound(what);
  return value;
}
