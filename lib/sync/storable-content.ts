// What we keep of the content Meta sends us (webhooks and Graph reads alike), so that nothing Meta can send
// makes a row unstorable or unreasonably large. Pure: no I/O.
//
// - NUL (U+0000) is removed from every string: Postgres text and jsonb refuse it (SQLSTATE 22021 /
//   "unsupported Unicode escape sequence"), while JSON — and so a signed webhook — may carry it as `\u0000`.
//   The rest of the text is kept.
// - Every field has a cap. Meta documents the limits of what an app sends (REFERENCE.md §3: text ≤ 2,000
//   characters on Messenger, ≤ 1,000 UTF-8 bytes on Instagram; developer payloads ≤ 1,000 characters) but not
//   of what a person sends: those are unverified, so we keep ten times Meta's documented text limit — no real
//   message is cut — and refuse what no Meta client produces (a 5 MB "message" from a leaked app secret or a
//   bug). Text past the cap ends with "…"; a URL past its cap is dropped (a cut URL is a wrong link); an object
//   (template, referral) past its size is replaced by a marker.
export const CONTENT_LIMITS = {
  /** Message and edit text, in characters (10 × Meta's documented 2,000: unverified for inbound messages). */
  textChars: 20_000,
  /** Attachment and postback titles, names, usernames. */
  titleChars: 1_000,
  /** quick_reply / postback payloads: Meta caps the payloads a Page defines at 1,000 characters. */
  payloadChars: 1_000,
  /** A longer URL is not one Meta's CDN issues; it is dropped rather than cut. */
  urlChars: 8_192,
  /** Meta ids (mid, PSID, sticker id…); an item whose key is longer is not Meta's and is ignored. */
  idChars: 1_000,
  /** Reaction emoji / names. */
  emojiChars: 64,
  /** Attachments kept per message (Meta allows up to 30 images on Messenger, 10 on Instagram). */
  attachments: 50,
  /** Strings inside kept objects (template payloads, referral data). */
  nestedStringChars: 2_000,
  /** Serialized size of one kept object (a generic template of 10 elements is a few kB). */
  objectBytes: 16_384,
} as const;

const NUL = /\u0000/g;

/** Removes NUL characters. */
export function withoutNul(value: string): string {
  return value.includes("\u0000") ? value.replace(NUL, "") : value;
}

/** A string cut to at most `max` UTF-16 units, never inside a surrogate pair, ending with "…" when cut. */
export function capText(value: string, max: number): string {
  if (value.length <= max) return value;
  let end = max - 1;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1; // do not keep half of an emoji
  return `${value.slice(0, end)}…`;
}

/** A storable string (NUL removed, capped), or null for anything that is not a non-empty string. */
export function storableText(value: unknown, max: number = CONTENT_LIMITS.textChars): string | null {
  if (typeof value !== "string") return null;
  const clean = withoutNul(value);
  return clean === "" ? null : capText(clean, max);
}

/** A storable URL: null when missing, empty or longer than any real one (a cut URL would be a wrong link). */
export function storableUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const clean = withoutNul(value).trim();
  return clean === "" || clean.length > CONTENT_LIMITS.urlChars ? null : clean;
}

/** A Meta id as a string (numbers too), or null when missing, empty or implausibly long. */
export function storableId(value: unknown): string | null {
  const raw = typeof value === "string" ? value : typeof value === "number" && Number.isFinite(value) ? String(value) : null;
  if (raw === null) return null;
  const clean = withoutNul(raw);
  return clean.trim() === "" || clean.length > CONTENT_LIMITS.idChars ? null : clean;
}

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 100;
const MAX_OBJECT_KEYS = 100;

/**
 * A storable copy of a JSON value (template payloads, referral data): NUL removed from keys and strings,
 * strings capped, arrays and objects bounded, depth bounded. When the result is still larger than
 * `maxBytes`, `{ omitted: "too large" }` replaces it, so a row never carries an unbounded object.
 */
export function storableJson(value: unknown, maxBytes: number = CONTENT_LIMITS.objectBytes): unknown {
  const copy = clean(value, 0);
  if (copy === undefined) return null;
  return JSON.stringify(copy).length > maxBytes ? { omitted: "too large" } : copy;
}

function clean(value: unknown, depth: number): unknown {
  if (value === null || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") return capText(withoutNul(value), CONTENT_LIMITS.nestedStringChars);
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.slice(0, MAX_ARRAY_ITEMS).map((v) => clean(v, depth + 1) ?? null);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>).slice(0, MAX_OBJECT_KEYS)) {
      const copied = clean(v, depth + 1);
      if (copied !== undefined) out[capText(withoutNul(key), 200)] = copied;
    }
    return out;
  }
  return undefined;
}
