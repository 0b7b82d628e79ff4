import { describe, expect, it } from "vitest";
import { capText, CONTENT_LIMITS, storableId, storableJson, storableText, storableUrl, withoutNul } from "./storable-content";

describe("storable content", () => {
  it("removes NUL characters and keeps everything else", () => {
    expect(withoutNul("a\u0000b\u0000")).toBe("ab");
    expect(withoutNul("plain")).toBe("plain");
    expect(storableText("Bonjour\u0000 📦")).toBe("Bonjour 📦");
    expect(storableText("\u0000")).toBeNull();
    expect(storableText("")).toBeNull();
    expect(storableText(42)).toBeNull();
  });

  it("caps text with an ellipsis, never splitting an emoji", () => {
    expect(capText("abcdef", 6)).toBe("abcdef");
    expect(capText("abcdefg", 6)).toBe("abcde…");
    // "ab" + 📦 (two UTF-16 units) + "cd": cutting at 4 would keep half of the emoji.
    expect(capText("ab📦cd", 4)).toBe("ab…");
    expect(storableText("x".repeat(CONTENT_LIMITS.textChars + 1))!.length).toBe(CONTENT_LIMITS.textChars);
    expect(storableText("x".repeat(CONTENT_LIMITS.textChars))!.length).toBe(CONTENT_LIMITS.textChars);
  });

  it("drops URLs and ids no Meta client produces instead of cutting them", () => {
    expect(storableUrl(" https://cdn.example/a.png ")).toBe("https://cdn.example/a.png");
    expect(storableUrl(`https://cdn.example/${"a".repeat(CONTENT_LIMITS.urlChars)}`)).toBeNull();
    expect(storableUrl("")).toBeNull();
    expect(storableId(369239263222822)).toBe("369239263222822");
    expect(storableId("m_1\u0000")).toBe("m_1");
    expect(storableId("  ")).toBeNull();
    expect(storableId("m".repeat(CONTENT_LIMITS.idChars + 1))).toBeNull();
    expect(storableId(Number.NaN)).toBeNull();
  });

  it("bounds objects: NUL-free keys and strings, capped strings, at most the byte budget", () => {
    expect(storableJson({ "ti\u0000tle": "a\u0000b", n: 1, ok: true, none: null, list: [1, "x"] })).toEqual({ title: "ab", n: 1, ok: true, none: null, list: [1, "x"] });
    const long = storableJson({ s: "y".repeat(100_000) }) as { s: string };
    expect(long.s.length).toBe(CONTENT_LIMITS.nestedStringChars);
    expect(storableJson({ many: Array.from({ length: 100 }, () => "z".repeat(1_000)) })).toEqual({ omitted: "too large" });
    let deep: unknown = "leaf";
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(JSON.stringify(storableJson(deep)).includes("leaf")).toBe(false);
  });
});
