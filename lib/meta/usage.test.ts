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

  it("ignores missing and malformed headers", () => {
    expect(readUsage(headers({}))).toEqual({ maxPercent: 0, regainAccessMs: 0 });
    expect(readUsage(headers({ "x-app-usage": "not json", "x-business-use-case-usage": '{"1":"x"}' }))).toEqual({ maxPercent: 0, regainAccessMs: 0 });
  });

  it.each([
    [{ maxPercent: 10, regainAccessMs: 0 }, 0],
    [{ maxPercent: 80, regainAccessMs: 0 }, 250],
    [{ maxPercent: 95, regainAccessMs: 0 }, 1000],
    [{ maxPercent: 100, regainAccessMs: 0 }, 5000],
    [{ maxPercent: 100, regainAccessMs: 120_000 }, 120_000],
  ])("slows down before the limit: %o → %i ms", (reading, delay) => {
    expect(usageDelayMs(reading)).toBe(delay);
  });
});
