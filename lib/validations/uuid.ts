// The one check of our ids (Postgres uuids, written the way Postgres prints them, any case). Ids reach us
// from URLs, bodies and cursors: anything that is not one of ours is "not found" or a 400, never a
// database error. Pure and free of zod, so the browser can use it too.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
