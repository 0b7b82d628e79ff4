// Links in what customers send (message text, attachment and post URLs) become anchors only when they are
// plain web addresses: `javascript:`, `data:`, `vbscript:`, `file:` and every other scheme would run code
// or open local content from our origin, and React blocks only `javascript:`. Everything else is shown as
// inert text. Pure: the thread renders with it.

/** The URL as an anchor may use it (absolute http: or https:), or null. */
export function safeHttpUrl(value: unknown): string | null {
  if (typeof value !== "string") return null;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (!url.hostname) return null;
  return url.href;
}

/** Raster and SVG images inlined as data: URLs are inert inside <img> (no script runs in an image). */
const DATA_IMAGE = /^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i;

/** A source an <img> may show: a web address, or an inline image (never a link target). */
export function safeImageSrc(value: unknown): string | null {
  if (typeof value === "string" && DATA_IMAGE.test(value.trim())) return value.trim();
  return safeHttpUrl(value);
}

export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/** http(s) addresses in running text; anything else, including other schemes, stays text. */
const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address. */
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

export function linkifyText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate)?.[0] ?? "";
    // Keep a closing parenthesis that closes one opened inside the address (Wikipedia-style links).
    let keep = 0;
    if (trailing.startsWith(")") && (candidate.match(/\(/g)?.length ?? 0) > (candidate.slice(0, candidate.length - trailing.length).match(/\)/g)?.length ?? 0)) keep = 1;
    candidate = candidate.slice(0, candidate.length - trailing.length + keep);
    const href = safeHttpUrl(candidate);
    const start = match.index;
    if (!href) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
