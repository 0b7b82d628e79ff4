import { describe, expect, it } from "vitest";
import { parseMetaTime } from "./meta-time";

describe("parseMetaTime", () => {
  it("reads Graph's ISO form with a +0000 offset", () => {
    expect(parseMetaTime("2022-07-12T19:11:07+0000")?.toISOString()).toBe("2022-07-12T19:11:07.000Z");
    expect(parseMetaTime("2022-07-12T21:11:07+0200")?.toISOString()).toBe("2022-07-12T19:11:07.000Z");
    expect(parseMetaTime("2022-07-12T19:11:07.123Z")?.toISOString()).toBe("2022-07-12T19:11:07.123Z");
  });

  it.each([
    ["2022-07-12T13:41:07-0530", "2022-07-12T19:11:07.000Z"],
    ["2022-07-13T00:41:07+0530", "2022-07-12T19:11:07.000Z"],
    ["2022-07-12T19:11:07.250+0000", "2022-07-12T19:11:07.250Z"],
    ["2022-07-12T19:11:07+00:00", "2022-07-12T19:11:07.000Z"],
  ])("reads the offset %s, with or without a colon, to the same instant", (text, iso) => {
    expect(parseMetaTime(text)?.toISOString()).toBe(iso);
  });

  it("reads epoch milliseconds and seconds, as numbers or strings", () => {
    expect(parseMetaTime(1458692752478)?.toISOString()).toBe("2016-03-23T00:25:52.478Z");
    expect(parseMetaTime(1458692752)?.toISOString()).toBe("2016-03-23T00:25:52.000Z");
    expect(parseMetaTime("1527459824")?.toISOString()).toBe("2018-05-27T22:23:44.000Z");
    expect(parseMetaTime("1458692752478")?.toISOString()).toBe("2016-03-23T00:25:52.478Z");
  });

  it("reads fractional seconds and ignores whitespace around a number", () => {
    expect(parseMetaTime("1527459824.25")?.toISOString()).toBe("2018-05-27T22:23:44.250Z");
    expect(parseMetaTime(" 1527459824\n")?.toISOString()).toBe("2018-05-27T22:23:44.000Z");
    expect(parseMetaTime(" 2022-07-12T19:11:07+0000 ")?.toISOString()).toBe("2022-07-12T19:11:07.000Z");
  });

  it("rounds fractional milliseconds to the nearest one", () => {
    expect(parseMetaTime(1458692752478.6)?.toISOString()).toBe("2016-03-23T00:25:52.479Z");
  });

  it.each([
    [1e11 - 1, "5138-11-16T09:46:39.000Z"], // the largest value read as seconds
    [1e11, "1973-03-03T09:46:40.000Z"], // the smallest read as milliseconds
  ])("%d is the boundary between seconds and milliseconds", (n, iso) => {
    expect(parseMetaTime(n)?.toISOString()).toBe(iso);
  });

  it("answers null for placeholders and garbage", () => {
    for (const value of [undefined, null, "", "  ", "UNIX-TIMESTAMP", "<INT>", 0, -5, "-5", "0", {}, [1458692752], Number.NaN, Number.POSITIVE_INFINITY, true]) {
      expect(parseMetaTime(value)).toBeNull();
    }
  });
});
