import { describe, expect, it } from "vitest";
import { findNulCharacter, isCrossSiteWrite, isIdParam } from "./request-guards";

const own = { ownOrigin: "https://inbox.example.com", host: "inbox.example.com" };

describe("cross-site writes", () => {
  it.each<[string, string | null, boolean]>([
    ["POST", "https://inbox.example.com", false],
    ["POST", null, false],
    ["GET", "https://evil.example", false],
    ["POST", "https://evil.example", true],
    ["DELETE", "null", true],
    ["PATCH", "not a url", true],
    ["PUT", "https://inbox.example.com.evil.example", true],
  ])("%s with Origin %s → %s", (method, origin, crossSite) => {
    expect(isCrossSiteWrite({ method, origin, ...own })).toBe(crossSite);
  });

  it("the Host header counts as ours (behind a proxy that rewrites the URL)", () => {
    expect(isCrossSiteWrite({ method: "POST", origin: "http://localhost:3000", ownOrigin: "http://127.0.0.1:3000", host: "localhost:3000" })).toBe(false);
  });
});

describe("id parameters", () => {
  it.each([
    ["id", true],
    ["messageId", true],
    ["noteId", true],
    ["signature", false],
    ["fileName", false],
    ["nextauth", false],
    ["file", false],
  ])("%s → %s", (name, expected) => expect(isIdParam(name)).toBe(expected));
});

describe("NUL characters", () => {
  it("finds them in values and keys, anywhere", () => {
    expect(findNulCharacter({ text: "hi\u0000there" })).toBe("text");
    expect(findNulCharacter({ attachments: [{ uploadId: "a\u0000" }] })).toBe("attachments.0.uploadId");
    expect(findNulCharacter({ "ke\u0000y": 1 })).toBe("key");
    expect(findNulCharacter("\u0000")).toBe("_");
    expect(findNulCharacter({ text: "fine", n: 1, list: [true, null] })).toBeNull();
  });
});
