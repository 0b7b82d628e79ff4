// Object and array parameters the way Graph reads them from a query string or a form body. Meta's own
// examples write them loosely — `recipient={id:1254459154682919}`, `message={'text':'hello, world'}` — and
// Graph (HHVM's `json_decode` with JSON_FB_LOOSE) accepts that next to strict JSON:
//   - strings in double or single quotes (JSON escapes, plus \' );
//   - object keys bare (letters, digits, `_`, `$`: `{id:…}`, `{0:…}`, `{true:…}`) or quoted;
//   - numbers, true, false, null; integers too large for a double stay exact (as their digits: ids are
//     strings at Meta anyway).
// Refused, as a value that does not parse: bare words as values (`{text:hello}`), trailing commas, comments,
// anything after the value. PHP-style keys (`recipient[id]=…`, `message[attachments][0][type]=…`) are
// folded into the same object. Pure: no I/O.

export type LooseParse = { ok: true; value: unknown } | { ok: false; at: number };

const BARE_KEY = /[A-Za-z0-9_$]/;

/** Parses `text` with Graph's loose JSON rules; `at` is where it stopped making sense. */
export function parseLooseJson(text: string): LooseParse {
  let i = 0;
  const fail = (): never => {
    throw new LooseSyntaxError(i);
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const value = (): unknown => {
    space();
    const ch = text[i];
    if (ch === "{") return object();
    if (ch === "[") return array();
    if (ch === '"' || ch === "'") return string();
    if (ch === "-" || (ch !== undefined && ch >= "0" && ch <= "9")) return number();
    for (const [word, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(word, i) && !BARE_KEY.test(text[i + word.length] ?? "")) {
        i += word.length;
        return v;
      }
    }
    return fail();
  };
  /** `{…}` or `[…]`: items separated by commas, no trailing comma. */
  const items = (close: "}" | "]", item: () => void): void => {
    i++; // the opening bracket
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ",") i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const object = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    items("}", () => {
      space();
      const key = text[i] === '"' || text[i] === "'" ? string() : bareKey();
      space();
      if (text[i] !== ":") fail();
      i++;
      setOwn(out, key, value());
    });
    return out;
  };
  const array = (): unknown[] => {
    const out: unknown[] = [];
    items("]", () => out.push(value()));
    return out;
  };
  const bareKey = (): string => {
    const start = i;
    while (i < text.length && BARE_KEY.test(text[i]!)) i++;
    if (i === start) fail();
    return text.slice(start, i);
  };
  const string = (): string => {
    const quote = text[i]!;
    i++;
    let out = "";
    while (i < text.length && text[i] !== quote) {
      const ch = text[i]!;
      if (ch !== "\\") {
        out += ch;
        i++;
        continue;
      }
      const esc = text[i + 1];
      const simple: Record<string, string> = { '"': '"', "'": "'", "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
      if (esc !== undefined && esc in simple) {
        out += simple[esc];
        i += 2;
      } else if (esc === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        fail();
      }
    }
    if (i >= text.length) fail();
    i++; // closing quote
    return out;
  };
  const number = (): number | string => {
    const m = /^-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) return fail();
    i += m[0].length;
    const n = Number(m[0]);
    const integer = m[1] === undefined && m[2] === undefined;
    return integer && !Number.isSafeInteger(n) ? m[0] : n;
  };

  try {
    const v = value();
    space();
    if (i !== text.length) fail();
    return { ok: true, value: v };
  } catch (error) {
    if (error instanceof LooseSyntaxError) return { ok: false, at: error.at };
    throw error;
  }
}

class LooseSyntaxError extends Error {
  constructor(readonly at: number) {
    super(`loose JSON syntax error at ${at}`);
  }
}

/**
 * PHP-style keys of `name` (`recipient[id]=…`, `message[attachments][0][type]=…`) folded into one object;
 * a level whose keys are exactly 0…n-1 becomes an array. Undefined when there are none.
 */
export function foldBracketed(name: string, sources: Array<Record<string, unknown>>): Record<string, unknown> | undefined {
  let out: Record<string, unknown> | undefined;
  for (const src of sources) {
    for (const [key, v] of Object.entries(src)) {
      if (!key.startsWith(`${name}[`)) continue;
      const path = key
        .slice(name.length)
        .split(/[[\]]+/)
        .filter((p) => p !== "");
      if (path.length === 0) continue;
      out ??= {};
      let node: Record<string, unknown> = out;
      path.forEach((p, i) => {
        if (i === path.length - 1) setOwn(node, p, v);
        else {
          const next = Object.hasOwn(node, p) ? node[p] : undefined;
          node = (typeof next === "object" && next !== null ? next : setOwn(node, p, {})) as Record<string, unknown>;
        }
      });
    }
  }
  return out === undefined ? undefined : (arraysFromIndexes(out) as Record<string, unknown>);
}

/** `obj[key] = value` as an own property, even for `__proto__` (keys come from the request). */
function setOwn<T>(obj: Record<string, unknown>, key: string, value: T): T {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

function arraysFromIndexes(node: unknown): unknown {
  if (typeof node !== "object" || node === null) return node;
  const entries = Object.entries(node as Record<string, unknown>).map(([k, v]) => [k, arraysFromIndexes(v)] as const);
  const keys = entries.map(([k]) => k);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k)) && [...keys].map(Number).sort((a, b) => a - b).every((n, idx) => n === idx)) {
    return [...entries].sort((a, b) => Number(a[0]) - Number(b[0])).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}
