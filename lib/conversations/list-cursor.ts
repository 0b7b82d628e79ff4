// Keyset cursor of the conversation list: the (lastMessageAt, id) of the last row of a page, opaque to
// clients. Pages stay stable while new messages arrive (no OFFSET), at any depth.
import { isUuid } from "@/lib/validations/uuid";
export interface ListCursor {
  at: Date;
  id: string;
}

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

/** Returns null for anything that is not a cursor we issued. */
export function decodeListCursor(value: string): ListCursor | null {
  const decoded = Buffer.from(value, "base64url").toString("utf8");
  const [iso, id, extra] = decoded.split("|");
  if (!iso || !id || extra !== undefined || !isUuid(id)) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) return null;
  return { at, id };
}
