// Meta's times in every form it uses (REFERENCE.md §2, §8): Graph answers ISO strings with a `+0000` offset
// (`2022-07-12T19:11:07+0000`), some documents show UNIX seconds, webhooks carry epoch milliseconds — and some
// examples send them as strings ("1527459824"). Pure: no I/O.

/** Numbers below this are seconds, from it on milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const SECONDS_CUTOFF = 1e11;

/** Parses a Meta time (ms, s, numeric string or ISO 8601) into a Date; null when absent or unreadable. */
export function parseMetaTime(value: unknown): Date | null {
  if (typeof value === "number") return fromEpoch(value);
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text));
  // Node's Date.parse reads Graph's offset without a colon (`+0000`, `-0530`) as well; the tests pin it.
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function fromEpoch(n: number): Date | null {
  if (!Number.isFinite(n) || n <= 0) return null;
  return new Date(Math.round(n < SECONDS_CUTOFF ? n * 1000 : n));
}
