import { describe, expect, it } from "vitest";
import { parseMetaTime } from "./meta-time";

describe("parseMetaTime", () => {
  it("reads Graph's ISO form with a +0000 offset", () => {
    expect(parseMetaTime("2022-07-12T19:11:07+0000")?.toISOString()).toBe("2022-07-12T19:11:07.000Z");
    expect(parseMetaTime("2022-07-12T21:11:07+0200")?.toISOString()).toBe("2022-07-12T19:11:07.000Z");
    expect(parseMetaTime("2022-07-12T19:11:07.123Z")?.toISOString()).toBe("2022-07-12T19:11:07.123Z");
  });

  it("reads epoch milliseconds and seconds, as numbers or strings", () => {
    expect(parseMetaTime(1458692752478)?.toISOString()).toBe("2016-03-23T00:25:52.478Z");
    expect(parseMetaTime(1458692752)?.toISOString()).toBe("2016-03-23T00:25:52.000Z");
    expect(parseMetaTime("1527459824")?.toISOString()).toBe("2018-05-27T22:23:44.000Z");
    expect(parseMetaTime("1458692752478")?.toISOString()).toBe("2016-03-23T00:25:52.478Z");
  });

  it("answers null for placeholders and garbage", () => {
    for (const value of [undefined, null, "", "UNIX-TIMESTAMP", "<INT>", 0, -5, {}, Number.NaN]) {
      expect(parseMetaTime(value)).toBeNull();
    }
  });
});
