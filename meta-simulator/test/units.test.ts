// Unit tests of the building blocks: Meta JSON escaping, the fields parser, the token bucket, the
// structural comparison helper, the seeded RNG.

import { describe, expect, it } from "vitest";
import { parseFields } from "../src/fields";
import { GraphError } from "../src/errors";
import { metaStringify } from "../src/meta-json";
import { RateLimiter } from "../src/ratelimit";
import { Rng } from "../src/rng";
import { shapeDiff } from "./helpers";

describe("metaStringify", () => {
  it("escapes non-ASCII as lowercase \\uXXXX, emoji as surrogate pairs, and / as \\/", () => {
    expect(metaStringify({ t: "äöå" })).toBe('{"t":"\\u00e4\\u00f6\\u00e5"}');
    expect(metaStringify({ t: "😊" })).toBe('{"t":"\\ud83d\\ude0a"}');
    expect(metaStringify({ t: "日本語" })).toBe('{"t":"\\u65e5\\u672c\\u8a9e"}');
    expect(metaStringify({ u: "https://a.b/c" })).toBe('{"u":"https:\\/\\/a.b\\/c"}');
  });

  it("produces pure ASCII that parses back to the same value", () => {
    const value = { text: "Zoé 👋 Müller — 日本語 \"quoted\" \\ back/slash\n", n: 1517776481860111, nested: [{ ok: true }] };
    const s = metaStringify(value);
    expect(/^[\x20-\x7e]*$/.test(s)).toBe(true);
    expect(JSON.parse(s)).toEqual(value);
  });
});

describe("parseFields", () => {
  it("parses field expansion with modifiers and nested fields", () => {
    const f = parseFields("id,participants,messages.limit(20).after(QUJD){id,message,from{id,name},to},picture.type(large)");
    expect(f?.map((x) => x.name)).toEqual(["id", "participants", "messages", "picture"]);
    const messages = f?.[2];
    expect(messages?.modifiers).toEqual({ limit: "20", after: "QUJD" });
    expect(messages?.children?.map((c) => c.name)).toEqual(["id", "message", "from", "to"]);
    expect(messages?.children?.[2]?.children?.map((c) => c.name)).toEqual(["id", "name"]);
    expect(f?.[3]?.modifiers).toEqual({ type: "large" });
  });

  it("accepts modifiers after the braces and whitespace", () => {
    const f = parseFields(" messages{ id , message }.limit(5) ");
    expect(f?.[0]?.modifiers.limit).toBe("5");
    expect(f?.[0]?.children?.map((c) => c.name)).toEqual(["id", "message"]);
  });

  it("answers Meta's syntax error (code 2500) for broken input", () => {
    for (const bad of ["messages{id", "id,,name", "messages.limit(3", "id}"]) {
      let err: unknown;
      try {
        parseFields(bad);
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(GraphError);
      expect((err as GraphError).code).toBe(2500);
      expect((err as GraphError).message).toMatch(/^Syntax error/);
    }
  });
});

describe("RateLimiter (token bucket, capacity = rate)", () => {
  const make = (rate: number, graceMs = 50) => {
    let t = 0;
    const limiter = new RateLimiter(() => ({ rate: () => rate, graceMs, rejectedCallCost: 0 }), () => t);
    return { limiter, advance: (ms: number) => (t += ms) };
  };

  it("admits a burst of `rate` calls, then rejects until a token refills", () => {
    const { limiter, advance } = make(2);
    expect(limiter.take("p", "conversations").ok).toBe(true);
    expect(limiter.take("p", "conversations").ok).toBe(true);
    const third = limiter.take("p", "conversations");
    expect(third.ok).toBe(false);
    expect(third.usagePercent).toBe(100);
    expect(third.retryAfterMs).toBeGreaterThan(400);
    advance(460); // 0.92 tokens ≥ 1 − 2×0.05
    expect(limiter.take("p", "conversations").ok).toBe(true);
  });

  it("never rejects a client pacing at exactly the allowed rate, even with jitter up to the grace", () => {
    const { limiter, advance } = make(2);
    let rejected = 0;
    for (let i = 0; i < 200; i++) {
      if (!limiter.take("p", "conversations").ok) rejected++;
      advance(i % 2 === 0 ? 500 - 40 : 500 + 40); // ±40 ms jitter around 500 ms
    }
    expect(rejected).toBe(0);
  });

  it("never rejects a client that uses its own bucket with the same rate and capacity", () => {
    const { limiter, advance } = make(2);
    let clientTokens = 2;
    let rejected = 0;
    for (let step = 0; step < 400; step++) {
      // client: refill 2/s, send whenever it has a token; server sees calls 10 ms late or early
      clientTokens = Math.min(2, clientTokens + 0.02);
      while (clientTokens >= 1) {
        clientTokens -= 1;
        if (!limiter.take("p", "conversations").ok) rejected++;
      }
      advance(10);
    }
    expect(rejected).toBe(0);
  });

  it("rejects a client calling faster than the rate", () => {
    const { limiter, advance } = make(2);
    let rejected = 0;
    for (let i = 0; i < 20; i++) {
      if (!limiter.take("p", "conversations").ok) rejected++;
      advance(300);
    }
    expect(rejected).toBeGreaterThan(3);
  });

  it("reports a block only after a refused call, until the bucket admits again (not after an admitted one)", () => {
    const { limiter, advance } = make(2);
    limiter.take("p", "conversations");
    advance(100);
    const admitted = limiter.take("p", "conversations"); // 1.2 tokens: admitted, leaving 0.2 < the threshold
    expect(admitted.ok).toBe(true);
    // An admitted call is not throttled: no wait to announce (a client pacing at the rate would be told to
    // stay away for a minute by estimated_time_to_regain_access otherwise).
    expect(limiter.peek("p", "conversations")).toMatchObject({ ok: true, retryAfterMs: 0 });
    expect(limiter.peek("p", "conversations")!.usagePercent).toBeLessThan(100);
    const refused = limiter.take("p", "conversations");
    expect(refused.ok).toBe(false);
    expect(limiter.peek("p", "conversations")).toMatchObject({ ok: false, usagePercent: 100, retryAfterMs: refused.retryAfterMs });
    advance(refused.retryAfterMs);
    expect(limiter.peek("p", "conversations")).toMatchObject({ ok: true, retryAfterMs: 0 });
  });

  it("keeps one bucket per object and kind", () => {
    const { limiter } = make(1);
    expect(limiter.take("a", "conversations").ok).toBe(true);
    expect(limiter.take("a", "conversations").ok).toBe(false);
    expect(limiter.take("b", "conversations").ok).toBe(true);
    expect(limiter.take("a", "send").ok).toBe(true);
  });
});

describe("shapeDiff", () => {
  it("reports missing keys, extra keys and type differences", () => {
    expect(shapeDiff({ a: 1, b: "x" }, { a: 2, b: "y" })).toEqual([]);
    expect(shapeDiff({ a: 1 }, { a: 1, b: "y" })).toEqual(["b: missing"]);
    expect(shapeDiff({ a: 1, c: true }, { a: 1 })).toEqual(["c: unexpected key"]);
    expect(shapeDiff({ a: "1" }, { a: 1 })).toEqual(["a: expected number, got string"]);
    expect(shapeDiff({ l: [{ x: 1 }, { x: "2" }] }, { l: [{ x: 1 }] })).toEqual(["l[].x: expected number, got string"]);
  });

  it("supports ignored fixture keys, allowed extras and placeholder type overrides", () => {
    expect(shapeDiff({ m: { mid: "a" } }, { m: { mid: "b", seq: 3 } }, { ignore: ["seq"] })).toEqual([]);
    expect(shapeDiff({ m: { mid: "a", extra: 1 } }, { m: { mid: "b" } }, { allowExtra: ["m.extra"] })).toEqual([]);
    expect(shapeDiff({ n: 2 }, { n: "<INT>" }, { types: { n: "number" } })).toEqual([]);
  });
});

describe("Rng", () => {
  it("is deterministic per seed and restorable from its state", () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    const saved = a.state();
    const next = a.nextUint32();
    expect(new Rng(saved).nextUint32()).toBe(next);
    expect(new Rng(43).nextUint32()).not.toBe(new Rng(42).nextUint32());
  });
});
