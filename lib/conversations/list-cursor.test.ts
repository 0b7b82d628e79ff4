import { describe, expect, it } from "vitest";
import { decodeListCursor, encodeListCursor } from "./list-cursor";

describe("conversation list cursor", () => {
  it("round-trips", () => {
    const cursor = { at: new Date("2026-11-20T10:11:12.345Z"), id: "0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77" };
    expect(decodeListCursor(encodeListCursor(cursor))).toEqual(cursor);
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["missing id", Buffer.from("2026-11-20T10:11:12.345Z|").toString("base64url")],
    ["non-uuid id", Buffer.from("2026-11-20T10:11:12.345Z|1; DROP TABLE").toString("base64url")],
    ["bad date", Buffer.from("yesterday|0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77").toString("base64url")],
    ["extra part", Buffer.from("2026-11-20T10:11:12.345Z|0b6c8a8e-5a43-4c1e-9d6e-2f1f3b1c9a77|x").toString("base64url")],
  ])("rejects %s", (_name, value) => {
    expect(decodeListCursor(value)).toBeNull();
  });
});
