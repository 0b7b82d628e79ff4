// Meta's webhook verification: `GET <callback>?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<n>`
// must answer 200 with the challenge as the body; anything else is refused (REFERENCE.md §8). Pure.
import { timingSafeEqual } from "node:crypto";

export function verifySubscription(query: URLSearchParams, verifyToken: string): { ok: true; challenge: string } | { ok: false } {
  const mode = query.get("hub.mode");
  const token = query.get("hub.verify_token");
  const challenge = query.get("hub.challenge");
  // A missing or empty token never matches, even against an empty configured one.
  if (mode !== "subscribe" || !challenge || !token) return { ok: false };
  const a = Buffer.from(token);
  const b = Buffer.from(verifyToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false };
  return { ok: true, challenge };
}
