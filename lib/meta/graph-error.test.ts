import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GraphApiError, GraphNetworkError, isTransientGraphError, parseGraphError } from "./graph-error";

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

  it("network errors are transient", () => {
    expect(isTransientGraphError(new GraphNetworkError("timed out", true))).toBe(true);
    expect(isTransientGraphError(new Error("bug"))).toBe(false);
  });
});
