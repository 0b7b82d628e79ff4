import { describe, expect, it } from "vitest";
import { linkifyText, safeHttpUrl, safeImageSrc } from "./safe-links";

describe("safeHttpUrl", () => {
  it.each([
    ["https://example.com/a?b=1#c", "https://example.com/a?b=1#c"],
    ["http://example.com", "http://example.com/"],
    [" HTTPS://Example.com/x ", "https://example.com/x"],
    ["javascript:alert(1)", null],
    ["JaVaScRiPt:alert(1)", null],
    ["  javascript:alert(1)", null],
    ["java\tscript:alert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["data:image/png;base64,iVBORw0KGgo=", null],
    ["vbscript:msgbox(1)", null],
    ["file:///etc/passwd", null],
    ["//evil.example/x", null],
    ["/relative/path", null],
    ["https:", null],
    ["", null],
    [null, null],
    [42, null],
  ])("%s → %s", (value, expected) => {
    expect(safeHttpUrl(value)).toBe(expected);
  });
});

describe("safeImageSrc", () => {
  it.each([
    ["https://cdn.example/a.png", "https://cdn.example/a.png"],
    ["data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,iVBORw0KGgo="],
    ["data:image/svg+xml;base64,PHN2Zz4=", "data:image/svg+xml;base64,PHN2Zz4="],
    ["data:text/html,<script>alert(1)</script>", null],
    ["data:image/png", null],
    ["javascript:alert(1)", null],
  ])("%s → %s", (value, expected) => {
    expect(safeImageSrc(value)).toBe(expected);
  });
});

describe("linkifyText", () => {
  it("turns web addresses into links and leaves the rest as text", () => {
    expect(linkifyText("Order at https://shop.example/p/1. Thanks!")).toEqual([
      { kind: "text", text: "Order at " },
      { kind: "link", text: "https://shop.example/p/1", href: "https://shop.example/p/1" },
      { kind: "text", text: ". Thanks!" },
    ]);
  });

  it("never makes a link of another scheme", () => {
    const text = "click javascript:alert(1) or data:text/html,<b>x</b> or vbscript:msgbox";
    expect(linkifyText(text)).toEqual([{ kind: "text", text }]);
  });

  it("keeps parentheses that belong to the address and drops those that close the sentence", () => {
    expect(linkifyText("(see https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual([
      { kind: "text", text: "(see " },
      { kind: "link", text: "https://en.wikipedia.org/wiki/Foo_(bar)", href: "https://en.wikipedia.org/wiki/Foo_(bar)" },
      { kind: "text", text: ")" },
    ]);
  });

  it("text without addresses is one part; an empty text none", () => {
    expect(linkifyText("hello")).toEqual([{ kind: "text", text: "hello" }]);
    expect(linkifyText("")).toEqual([]);
  });

  it("an address-looking text that is not a valid URL stays text", () => {
    expect(linkifyText("http://")).toEqual([{ kind: "text", text: "http://" }]);
  });
});
