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

  it("keeps every field of Meta's error JSON: the message as the error's, type, trace id and the user-facing texts", () => {
    const error = parseGraphError(400, fixture("meta-docs/graph_api/error_generic_shape_190_460.json"));
    expect(error.message).toBe("Message describing the error");
    expect(error.type).toBe("OAuthException");
    expect(error.fbtraceId).toBe("EJplcsCHuLu");
    expect(error.userTitle).toBe("A title");
    expect(error.userMessage).toBe("A message");
    expect(error.body.code).toBe(190);
    // how it reads in a log line
    expect(String(error)).toBe("GraphApiError: Message describing the error");
  });

  it("optional fields Meta left out are null, not undefined", () => {
    const error = parseGraphError(400, JSON.stringify({ error: { message: "(#100) Invalid parameter", code: 100 } }));
    expect({ subcode: error.subcode, type: error.type, fbtraceId: error.fbtraceId, userTitle: error.userTitle, userMessage: error.userMessage }).toEqual({
      subcode: null,
      type: null,
      fbtraceId: null,
      userTitle: null,
      userMessage: null,
    });
  });

  it.each([
    [500, 1],
    [503, 1],
    [499, 100],
    [400, 100],
  ])("an answer without Meta's code at HTTP %i counts as code %i (service error only for a 5xx)", (status, code) => {
    const error = new GraphApiError(status, {});
    expect(error.code).toBe(code);
    expect(error.message).toBe(`Graph API error (HTTP ${status})`);
  });

  it("carries Meta's regain-access estimate when given one", () => {
    expect(parseGraphError(400, fixture("meta-docs/graph_api/error_80001_buc_pages.json"), 120_000).retryAfterMs).toBe(120_000);
    expect(parseGraphError(400, fixture("meta-docs/graph_api/error_80001_buc_pages.json")).retryAfterMs).toBeNull();
    expect(parseGraphError(502, "Bad gateway", 60_000).retryAfterMs).toBe(60_000);
  });

  it.each([
    ["an HTML page", "<html>Bad gateway</html>"],
    ["JSON null", "null"],
    ["a JSON scalar", "true"],
    ["an array", "[]"],
    ["an error field that is a string", '{"error":"invalid_token"}'],
    ["an error field that is null", '{"error":null}'],
    ["JSON without an error field", '{"data":[]}'],
  ])("a failure whose body is not Meta's error JSON (%s) keeps the raw text in its message", (_, text) => {
    const error = parseGraphError(400, text);
    expect(error.message).toBe(`Graph API answered HTTP 400: ${text}`);
    expect(error.body).toEqual({ message: error.message });
    expect(error.code).toBe(100);
  });

  it("keeps only the first 200 characters of a non-JSON body in the message", () => {
    const page = `<html>${"x".repeat(500)}</html>`;
    expect(parseGraphError(502, page).message).toBe(`Graph API answered HTTP 502: ${page.slice(0, 200)}`);
  });

  it("a retired message tag (bare code 100, recognised by Meta's text) is its own kind, not a generic bad parameter", () => {
    const retired = new GraphApiError(400, { code: 100, message: "(#100) The tag CONFIRMED_EVENT_UPDATE is deprecated" });
    expect(retired.kind.key).toBe("tag_retired");
    expect(new GraphApiError(400, { code: 100, message: "(#100) Invalid parameter" }).kind.key).not.toBe("tag_retired");
  });

  it("only token failures count as an invalid token", () => {
    expect(new GraphApiError(400, { code: 190, error_subcode: 463 }).isTokenInvalid).toBe(true);
    expect(new GraphApiError(403, { code: 10, error_subcode: 2018278 }).isTokenInvalid).toBe(false);
    expect(new GraphApiError(400, { code: 80006 }).isTokenInvalid).toBe(false);
  });

  it("matches on the code first: the same subcode under another code is another error", () => {
    const error = new GraphApiError(400, { code: 200, error_subcode: 1545041 });
    expect(error.matches(551, 1545041)).toBe(false);
    expect(error.matches(551)).toBe(false);
    expect(error.matches(200, 1545041)).toBe(true);
    expect(new GraphApiError(400, { code: 100 }).matches(100, null)).toBe(true);
  });

  it("a network error is transient, named and keeps its cause", () => {
    const cause = new TypeError("fetch failed");
    const error = new GraphNetworkError("Graph GET /v24.0/me failed: fetch failed", false, { cause });
    expect(error.isTransient).toBe(true);
    expect(error.timedOut).toBe(false);
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe("GraphNetworkError: Graph GET /v24.0/me failed: fetch failed");
  });

  it.each([null, undefined, "GraphApiError", 400, {}, new Error("plain")])("%s is neither kind of Graph error", (value) => {
    expect(isGraphApiError(value)).toBe(false);
    expect(isGraphNetworkError(value)).toBe(false);
    expect(isTransientGraphError(value)).toBe(false);
  });

  it("the two kinds are told apart", () => {
    const refused = new GraphApiError(500, { code: 2 });
    const unanswered = new GraphNetworkError("timed out", true);
    expect([isGraphApiError(refused), isGraphNetworkError(refused)]).toEqual([true, false]);
    expect([isGraphApiError(unanswered), isGraphNetworkError(unanswered)]).toEqual([false, true]);
    expect(refused instanceof GraphNetworkError).toBe(false);
    expect(unanswered instanceof GraphApiError).toBe(false);
  });
});
