import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readUsage, usageDelayMs } from "./usage";

const headers = (values: Record<string, string>) => new Headers(values);

describe("usage headers", () => {
  it("reads the documented X-App-Usage and X-Business-Use-Case-Usage examples", () => {
    const dir = path.join(import.meta.dirname, "../../meta-simulator/fixtures/meta-docs/graph_api");
    const app = JSON.parse(readFileSync(path.join(dir, "header_x_app_usage.json"), "utf8")) as Record<string, unknown>;
    const buc = JSON.parse(readFileSync(path.join(dir, "header_x_business_use_case_usage.json"), "utf8")) as Record<string, unknown>;
    expect(readUsage(headers({ "x-app-usage": JSON.stringify(app["x-app-usage"]) }))).toEqual({ maxPercent: 28, regainAccessMs: 0 });
    expect(readUsage(headers({ "x-business-use-case-usage": JSON.stringify(buc["x-business-use-case-usage"]) }))).toEqual({
      maxPercent: 100,
      regainAccessMs: 19 * 60_000,
    });
  });

  it("takes the highest counter of every object and Meta's regain-access estimate in minutes", () => {
    const reading = readUsage(
      headers({
        "x-app-usage": '{"call_count":12,"total_time":40,"total_cputime":3}',
        "x-business-use-case-usage":
          '{"111":[{"type":"messenger","call_count":97,"total_cputime":20,"total_time":20,"estimated_time_to_regain_access":0}],' +
          '"222":[{"type":"pages","call_count":100,"total_cputime":1,"total_time":1,"estimated_time_to_regain_access":3}]}',
      }),
    );
    expect(reading).toEqual({ maxPercent: 100, regainAccessMs: 180_000 });
  });

  it.each(["call_count", "total_time", "total_cputime"])("any counter can be the highest: %s", (counter) => {
    const usage = { call_count: 5, total_time: 5, total_cputime: 5, [counter]: 91 };
    expect(readUsage(headers({ "x-app-usage": JSON.stringify(usage) })).maxPercent).toBe(91);
    expect(readUsage(headers({ "x-business-use-case-usage": JSON.stringify({ "111": [{ type: "messenger", ...usage, estimated_time_to_regain_access: 0 }] }) })).maxPercent).toBe(91);
  });

  it.each(["x-app-usage", "x-page-usage", "x-ad-account-usage"])("reads %s", (name) => {
    expect(readUsage(headers({ [name]: '{"call_count":80,"total_time":2,"total_cputime":1}' })).maxPercent).toBe(80);
  });

  it("takes the longest regain-access estimate of all entries; entries without one or with 0 add none", () => {
    const buc = {
      "111": [
        { type: "messenger", call_count: 100, estimated_time_to_regain_access: 2 },
        { type: "pages", call_count: 40 },
      ],
      "222": [{ type: "instagram", call_count: 100, estimated_time_to_regain_access: 7 }],
      "333": [{ type: "messenger", call_count: 10, estimated_time_to_regain_access: 0 }],
    };
    expect(readUsage(headers({ "x-business-use-case-usage": JSON.stringify(buc) }))).toEqual({ maxPercent: 100, regainAccessMs: 7 * 60_000 });
    expect(readUsage(headers({ "x-business-use-case-usage": '{"111":[{"type":"pages","call_count":40}]}' }))).toEqual({ maxPercent: 40, regainAccessMs: 0 });
  });

  it.each([
    ["no headers", {}, 0],
    ["not JSON", { "x-app-usage": "not json", "x-business-use-case-usage": "{" }, 0],
    ["JSON that is not an object", { "x-app-usage": "null", "x-page-usage": "42", "x-business-use-case-usage": '"x"' }, 0],
    ["counters that are not numbers", { "x-app-usage": '{"call_count":"high","total_time":null,"total_cputime":true}' }, 0],
    ["a business entry list that is not a list", { "x-business-use-case-usage": '{"1":"x","2":{"call_count":99,"estimated_time_to_regain_access":5}}' }, 0],
    ["entries that are not objects", { "x-business-use-case-usage": '{"1":[null,7,"x"]}' }, 0],
    ["an estimate that is not a number", { "x-business-use-case-usage": '{"1":[{"call_count":10,"estimated_time_to_regain_access":"5"}]}' }, 10],
  ])("ignores malformed usage: %s", (_, values: Record<string, string>, maxPercent) => {
    expect(readUsage(headers(values))).toEqual({ maxPercent, regainAccessMs: 0 });
  });

  it.each([
    [{ maxPercent: 0, regainAccessMs: 0 }, 0],
    [{ maxPercent: 74, regainAccessMs: 0 }, 0],
    [{ maxPercent: 75, regainAccessMs: 0 }, 250],
    [{ maxPercent: 89, regainAccessMs: 0 }, 250],
    [{ maxPercent: 90, regainAccessMs: 0 }, 1000],
    [{ maxPercent: 99, regainAccessMs: 0 }, 1000],
    [{ maxPercent: 100, regainAccessMs: 0 }, 5000],
    [{ maxPercent: 140, regainAccessMs: 0 }, 5000],
    [{ maxPercent: 100, regainAccessMs: 120_000 }, 120_000],
    [{ maxPercent: 10, regainAccessMs: 60_000 }, 60_000],
  ])("slows down before the limit: %o → %i ms", (reading, delay) => {
    expect(usageDelayMs(reading)).toBe(delay);
  });
});
