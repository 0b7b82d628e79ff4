import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { GraphApiError, GraphNetworkError, isGraphApiError, isGraphNetworkError, isTransientGraphError, parseGraphError } from "./graph-error";

/** A second copy of this module, as another server bundle of the Next build carries it. */
async function otherBundlesCopy(): Promise<typeof import("./graph-error")> {
  vi.resetModules();
  const copy = await import("./graph-error");
  expect(copy.GraphApiError).not.toBe(GraphApiError);
  return copy;
}

const fixture = (file: string) => readFileSync(path.join(import.meta.dirname, "../../meta-simulator/fixtures", file), "utf8");

describe("Graph errors", () => {
  it("reads Meta's documented error shape (190/460 from Handling Errors)", () => {
    const error = parseGraphError(400, fixture("meta-docs/graph_api/error_generic_shape_190_460.json"));
    expect(error).toBeInstanceOf(GraphApiError);
    expect(error.code).toBe(190);
    expect(error.subcode).toBe(460);
    expect(error.fbtraceId).toBeTruthy();
    expect(error.isTokenInvalid).toBe(true);
    expect(error.isTransient).toBe(false);
  });

  it("classifies the rate-limit fixtures (32, 80001) as transient throttling", () => {
    for (const file of ["meta-docs/graph_api/error_32_page_request_limit.json", "meta-docs/graph_api/error_80001_buc_pages.json"]) {
      const error = parseGraphError(400, fixture(file));
      expect(error.isRateLimit).toBe(true);
      expect(error.isTransient).toBe(true);
    }
  });

  it.each([
    [1, 500, true],
    [2, 500, true],
    [4, 400, true],
    [17, 400, true],
    [613, 400, true],
    [80006, 400, true],
    [80002, 400, true],
    [10, 403, false],
    [100, 400, false],
    [551, 400, false],
    [190, 400, false],
  ])("code %i (HTTP %i) transient: %s", (code, status, transient) => {
    expect(new GraphApiError(status, { code, message: "x" }).isTransient).toBe(transient);
  });

  it("keeps subcodes for matching", () => {
    const error = new GraphApiError(400, { code: 10, error_subcode: 2018278, message: "(#10) outside window" });
    expect(error.matches(10, 2018278)).toBe(true);
    expect(error.matches(10)).toBe(true);
    expect(error.matches(10, 2534022)).toBe(false);
  });

  it("turns a non-JSON failure into a typed error with the status", () => {
    const error = parseGraphError(502, "<html>Bad gateway</html>");
    expect(error.httpStatus).toBe(502);
    expect(error.isTransient).toBe(true);
  });

  it("an error made by another bundle's copy of the classes is still recognised (by brand, not identity)", async () => {
    const other = await otherBundlesCopy();
    const refused = new other.GraphApiError(400, { code: 100, error_subcode: 2018001, message: "(#100) No matching user found", fbtrace_id: "T" });
    const timedOut = new other.GraphNetworkError("timed out", true);
    expect(isGraphApiError(refused)).toBe(true);
    expect(refused instanceof GraphApiError).toBe(true);
    expect(isGraphNetworkError(timedOut)).toBe(true);
    expect(timedOut instanceof GraphNetworkError).toBe(true);
    expect(isGraphApiError(timedOut)).toBe(false);
    expect(isTransientGraphError(timedOut)).toBe(true);
    // and the other way round
    expect(new GraphApiError(500, { code: 2 }) instanceof other.GraphApiError).toBe(true);
    // a look-alike without the brand is not one
    expect(isGraphApiError(Object.assign(new Error("x"), { code: 100, subcode: null, httpStatus: 400 }))).toBe(false);
  });

  it("what is transient, a rate limit or a token problem comes from the one error table", () => {
    expect(new GraphApiError(400, { code: 613, error_subcode: 2018338 }).isRateLimit).toBe(false);
    expect(new GraphApiError(400, { code: 613, error_subcode: 2018338 }).isTransient).toBe(false);
    expect(new GraphApiError(400, { code: 102 }).isTokenInvalid).toBe(true);
    expect(new GraphApiError(400, { code: 32 }).isRateLimit).toBe(true);
    expect(new GraphApiError(500, { code: 100 }).isTransient).toBe(false);
    expect(new GraphApiError(503, {}).code).toBe(1);
  });

  it("network errors are transient", () => {
    expect(isTransientGraphError(new GraphNetworkError("timed out", true))).toBe(true);
    expect(isTransientGraphError(new Error("bug"))).toBe(false);
  });
});
