import { AppError } from "@/lib/errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Ids come from URLs: anything that is not one of our ids is simply not found (never a database error). */
export function requireId(value: string, what = "Conversation"): string {
  if (!isUuid(value)) throw AppError.notFound(what);
  return value;
}
