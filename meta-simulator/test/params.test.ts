import { describe, expect, it } from "vitest";
import { foldBracketed, parseLooseJson } from "../src/graph/params";

describe("parseLooseJson (Graph's loose object syntax)", () => {
  it.each([
    ["strict JSON", '{"id":"1254459154682919"}', { id: "1254459154682919" }],
    ["single quotes (Send API reference)", "{'id':'1254459154682919'}", { id: "1254459154682919" }],
    ["bare key, bare number (Try it walkthrough)", "{id:1254459154682919}", { id: 1254459154682919 }],
    ["bare key, single-quoted text", "{text:'You did it!'}", { text: "You did it!" }],
    ["a double quote inside single quotes, escaped single quote", `{'text':'say "hi" \\'now\\''}`, { text: `say "hi" 'now'` }],
    ["JSON escapes", '{"text":"line\\nnext \\u00e9\\/"}', { text: "line\nnext é/" }],
    ["nesting, arrays, whitespace", "{ attachment : { type : 'image', payload : { url : 'https://x.test/a.jpg', is_reusable : true } }, tags : [1, 'two', null, false] }", { attachment: { type: "image", payload: { url: "https://x.test/a.jpg", is_reusable: true } }, tags: [1, "two", null, false] }],
    ["numeric, true and null keys", "{0:1,true:'t',null:'n'}", { 0: 1, true: "t", null: "n" }],
    ["the last of duplicate keys wins", "{a:1,a:2}", { a: 2 }],
    ["integers beyond 2^53 keep their digits", "{id:12345678901234567890}", { id: "12345678901234567890" }],
    ["decimals and exponents are numbers", "[1.5,-2e3,0]", [1.5, -2000, 0]],
    ["empty object and array", "{a:{},b:[]}", { a: {}, b: [] }],
  ])("accepts %s", (_what, text, expected) => {
    expect(parseLooseJson(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["a bare word as a value", "{text:hello}"],
    ["a trailing comma", "{id:'1',}"],
    ["an unterminated object", "{id:'1'"],
    ["an unterminated string", "{id:'1}"],
    ["text after the value", "{id:'1'} x"],
    ["a missing colon", "{id '1'}"],
    ["a comment", "{id:'1' /* psid */}"],
    ["a hyphen in a bare key", "{user-ref:'x'}"],
    ["an unknown escape", "{text:'a\\qb'}"],
    ["a leading zero", "{id:0123}"],
    ["nothing", ""],
  ])("refuses %s", (_what, text) => {
    expect(parseLooseJson(text).ok).toBe(false);
  });

  it("never lets a key named __proto__ change the object's prototype", () => {
    const parsed = parseLooseJson("{__proto__:{polluted:true}}");
    expect(parsed.ok).toBe(true);
    const value = (parsed as { value: Record<string, unknown> }).value;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });
});

describe("foldBracketed (PHP-style form keys)", () => {
  it("folds recipient[id] and nested keys into one object, from query and body", () => {
    expect(foldBracketed("recipient", [{ "recipient[id]": "42", other: "x" }, {}])).toEqual({ id: "42" });
    expect(foldBracketed("message", [{}, { "message[attachment][type]": "image", "message[attachment][payload][url]": "https://x.test/a.jpg" }])).toEqual({
      attachment: { type: "image", payload: { url: "https://x.test/a.jpg" } },
    });
  });

  it("turns a level indexed 0…n-1 into an array, other numeric keys stay keys", () => {
    expect(foldBracketed("message", [{ "message[attachments][1][type]": "image", "message[attachments][0][type]": "image", "message[attachments][0][payload][url]": "u" }])).toEqual({
      attachments: [{ type: "image", payload: { url: "u" } }, { type: "image" }],
    });
    expect(foldBracketed("x", [{ "x[1]": "a", "x[2]": "b" }])).toEqual({ 1: "a", 2: "b" });
  });

  it("never lets a __proto__ key reach a prototype", () => {
    const folded = foldBracketed("recipient", [{ "recipient[__proto__][polluted]": "yes", "recipient[id]": "1" }])!;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(folded)).toBe(Object.prototype);
    expect(folded.id).toBe("1");
  });

  it("is undefined without such keys", () => {
    expect(foldBracketed("recipient", [{ recipient: "{}", "recipients[id]": "1" }])).toBeUndefined();
  });
});
