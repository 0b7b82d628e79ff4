import { describe, expect, it } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { appSecretProof, expand, GraphClient, type GraphCallInfo, type GraphClientOptions } from "./graph-client";
import { GraphApiError, GraphNetworkError } from "./graph-error";
import { Pacer } from "./pacer";

// These tests drive the client's own logic (retries, backoff, pacing, paging, headers) through an injected
// fetch; how Meta answers is covered against the Meta simulator in the sync and send integration tests.
/** A JSON body, or `text` sent as it is; an Error is thrown by fetch; a Response is answered as it is. */
type Reply = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> } | Error | Response;

function scripted(replies: Reply[], onFetch?: () => void) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetchImpl = (async (url: URL, init: RequestInit) => {
    calls.push({ url: new URL(url), init });
    onFetch?.();
    const reply = replies.shift();
    if (!reply) throw new Error("no scripted reply left");
    if (reply instanceof Error) throw reply;
    if (reply instanceof Response) return reply;
    return new Response(reply.text ?? JSON.stringify(reply.body), { status: reply.status ?? 200, headers: reply.headers });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

function client(replies: Reply[], extra: Partial<GraphClientOptions> & { paced?: boolean; fetchTakesMs?: number } = {}) {
  const { paced, fetchTakesMs, ...options } = extra;
  const clock = fakeClock();
  const { calls, fetchImpl } = scripted(replies, () => {
    clock.time += fetchTakesMs ?? 0;
  });
  const graph = new GraphClient({
    baseUrl: "https://graph.example.test",
    version: "v24.0",
    appSecret: "app-secret",
    fetch: fetchImpl,
    clock,
    random: () => 0.5,
    backoff: { baseDelayMs: 100, maxDelayMs: 1_000 },
    ...(paced ? { pacer: new Pacer(2, clock) } : {}),
    ...options,
  });
  return { graph, calls, clock };
}

const metaError = (code: number, subcode?: number) => ({
  error: { message: `(#${code}) error`, type: "OAuthException", code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: "Axyz" },
});

describe("GraphClient", () => {
  it("calls the configured version with a bearer token and appsecret_proof, never the token in the URL", async () => {
    const { graph, calls } = client([{ body: { id: "1" } }]);
    await graph.get("123/conversations", { token: "EAAtoken", params: { platform: "messenger", fields: expand("messages", ["id"], { limit: 20 }) } });
    const { url, init } = calls[0]!;
    expect(url.origin + url.pathname).toBe("https://graph.example.test/v24.0/123/conversations");
    expect(url.searchParams.get("platform")).toBe("messenger");
    expect(url.searchParams.get("fields")).toBe("messages.limit(20){id}");
    expect(url.searchParams.get("appsecret_proof")).toBe(appSecretProof("EAAtoken", "app-secret"));
    expect(url.searchParams.has("access_token")).toBe(false);
    expect((init.headers as Record<string, string>).authorization).toBe("Bearer EAAtoken");
  });

  it("retries transient GET failures with backoff, then succeeds", async () => {
    const { graph, calls, clock } = client([{ status: 500, body: metaError(2) }, new TypeError("socket hang up"), { body: { ok: 1 } }]);
    expect(await graph.get("me", { token: "t" })).toEqual({ ok: 1 });
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([50, 100]); // full jitter at random()=0.5 of 100·2^attempt
  });

  it("waits at least Meta's regain-access estimate before retrying a throttled call", async () => {
    const headers = { "x-business-use-case-usage": '{"9":[{"type":"messenger","call_count":100,"estimated_time_to_regain_access":2}]}' };
    const { graph, clock } = client([{ status: 400, body: metaError(80006), headers }, { body: { ok: 1 } }]);
    await graph.get("me", { token: "t" });
    expect(clock.sleeps).toContain(120_000);
  });

  it("a served call does not stop its owner for Meta's regain estimate (only a refused one does): it slows down by the usage", async () => {
    // A bucket that cannot take another call right now is reported as "regain access in 1 minute" (minutes are
    // Meta's unit) although it frees within a second; the answer itself proves the call was served.
    const headers = { "x-business-use-case-usage": '{"9":[{"type":"messenger","call_count":100,"estimated_time_to_regain_access":1}]}' };
    const clock = fakeClock();
    const pacer = new Pacer(2, clock);
    const { calls, fetchImpl } = scripted([{ body: { ok: 1 }, headers }, { body: { ok: 2 } }]);
    const graph = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: fetchImpl, clock, pacer });
    await graph.get("9/conversations", { token: "t", owner: "9" });
    await graph.get("9/conversations", { token: "t", owner: "9" });
    expect(calls).toHaveLength(2);
    expect(Math.max(...clock.sleeps)).toBe(5_000); // call_count 100 %: a 5 s pause, not a minute
  });

  it("does not retry permanent errors, and types them", async () => {
    const { graph, calls } = client([{ status: 403, body: metaError(10, 2018278) }]);
    const error = await graph.get("me", { token: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).matches(10, 2018278)).toBe(true);
    expect((error as GraphApiError).fbtraceId).toBe("Axyz");
    expect(calls).toHaveLength(1);
  });

  it("never retries a POST unless told it is safe, and reports a timeout as an unknown outcome", async () => {
    const abort = Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" });
    const { graph, calls } = client([abort]);
    const error = await graph.post("me/messages", { token: "t", body: { x: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphNetworkError);
    expect((error as GraphNetworkError).timedOut).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it("gives up after the configured retries", async () => {
    const { graph, calls } = client([{ status: 500, body: metaError(1) }, { status: 500, body: metaError(1) }]);
    await expect(graph.get("me", { token: "t", retries: 1 })).rejects.toBeInstanceOf(GraphApiError);
    expect(calls).toHaveLength(2);
  });

  it("follows paging.next until it is absent, including short pages that still have one", async () => {
    const next = (after: string) => `https://graph.example.test/v24.0/1/conversations?after=${after}&access_token=LEAKED&limit=2`;
    const { graph, calls } = client([
      { body: { data: [{ id: "a" }, { id: "b" }], paging: { next: next("c1") } } },
      { body: { data: [], paging: { next: next("c2") } } },
      { body: { data: [{ id: "c" }] } },
    ]);
    const ids: string[] = [];
    for await (const page of graph.pages<{ id: string }>("1/conversations", { token: "t", params: { limit: 2 } })) ids.push(...page.data.map((d) => d.id));
    expect(ids).toEqual(["a", "b", "c"]);
    expect(calls[1]!.url.searchParams.get("after")).toBe("c1");
    expect(calls[1]!.url.searchParams.has("access_token")).toBe(false);
  });

  it("refuses to send a token to another host from a paging URL", async () => {
    const { graph } = client([{ body: { data: [], paging: { next: "https://evil.example/steal" } } }]);
    const pages = graph.pages("1/conversations", { token: "t" });
    await pages.next();
    await expect(pages.next()).rejects.toThrow(/not the configured Graph host/);
  });

  it("paces calls per owner and reports each call", async () => {
    const calls: GraphCallInfo[] = [];
    const clock = fakeClock();
    const { fetchImpl } = scripted([{ body: {} }, { body: {} }, { body: {} }]);
    const graph = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: fetchImpl, clock, pacer: new Pacer(2, clock), onCall: (i) => calls.push(i) });
    for (let i = 0; i < 3; i++) await graph.get("p/conversations", { token: "t", owner: "p" });
    expect(clock.sleeps).toEqual([500, 500]);
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200]);
  });

  it("sends batches in Meta's format and maps per-item results", async () => {
    const { graph, calls } = client([
      { body: [{ code: 200, body: '{"recipient_id":"1","message_id":"m_1"}' }, { code: 403, body: JSON.stringify(metaError(10, 2018278)) }, null] },
    ]);
    const results = await graph.batch(
      [
        { method: "POST", relativeUrl: "me/messages", body: { recipient: { id: "1" }, message: { text: "hi" } } },
        { method: "POST", relativeUrl: "me/messages", body: { recipient: { id: "2" }, message: { text: "hi" } } },
        { method: "GET", relativeUrl: "me" },
      ],
      { token: "t" },
    );
    const form = new URLSearchParams(String(calls[0]!.init.body));
    expect(form.get("access_token")).toBe("t");
    const sent = JSON.parse(form.get("batch")!) as { relative_url: string; body?: string }[];
    expect(new URLSearchParams(sent[0]!.body).get("recipient")).toBe('{"id":"1"}');
    expect(results[0]).toEqual({ ok: true, status: 200, data: { recipient_id: "1", message_id: "m_1" } });
    expect(results[1]!.ok).toBe(false);
    expect(!results[1]!.ok && results[1]!.error.matches(10, 2018278)).toBe(true);
    expect(results[2]!.ok).toBe(false);
  });
});

const headersOf = (init: RequestInit) => init.headers as Record<string, string>;
const failure = (promise: Promise<unknown>) => promise.then(
  () => {
    throw new Error("expected the call to fail");
  },
  (error: unknown) => error,
);
const throttledBy = (regainMinutes: number) => ({
  "x-business-use-case-usage": JSON.stringify({ p: [{ type: "messenger", call_count: 100, estimated_time_to_regain_access: regainMinutes }] }),
});

describe("field expansion", () => {
  it.each([
    [{}, "messages{id,message}"],
    [{ limit: 10 }, "messages.limit(10){id,message}"],
    [{ after: "QVFIUz" }, "messages.after(QVFIUz){id,message}"],
    [{ limit: 10, after: "QVFIUz" }, "messages.limit(10).after(QVFIUz){id,message}"],
  ])("expand with %o is %s (Meta's nested-edge syntax)", (options, expected) => {
    expect(expand("messages", ["id", "message"], options)).toBe(expected);
  });
});

describe("GraphClient URLs and headers", () => {
  it.each([
    ["https://graph.example.test/", "me"],
    ["https://graph.example.test//", "/me"],
    ["https://graph.example.test", "//me"],
  ])("base URL %s and path %s call /v24.0/me (slashes at the seam are not doubled)", async (baseUrl, path) => {
    const { graph, calls } = client([{ body: {} }], { baseUrl });
    await graph.get(path);
    expect(calls[0]!.url.href).toBe("https://graph.example.test/v24.0/me");
  });

  it("a relative path whose query carries a URL is still resolved under the version", async () => {
    const { graph, calls } = client([{ body: {} }]);
    await graph.get("123/messages?link=https://example.com/a");
    expect(calls[0]!.url.pathname).toBe("/v24.0/123/messages");
    expect(calls[0]!.url.searchParams.get("link")).toBe("https://example.com/a");
  });

  it("follows paging URLs of an http simulator base", async () => {
    const next = "http://localhost:4010/v24.0/1/conversations?after=c1";
    const { graph, calls } = client([{ body: { data: [{ id: "a" }], paging: { next } } }, { body: { data: [{ id: "b" }] } }], { baseUrl: "http://localhost:4010" });
    const pages = [];
    for await (const page of graph.pages("1/conversations", { token: "t" })) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(calls[1]!.url.origin + calls[1]!.url.pathname).toBe("http://localhost:4010/v24.0/1/conversations");
    expect(calls[1]!.url.searchParams.get("after")).toBe("c1");
  });

  it("sends numbers and booleans as text and leaves undefined params out", async () => {
    const { graph, calls } = client([{ body: {} }]);
    await graph.get("1/conversations", { params: { limit: 25, include_unread: true, folder: undefined } });
    const query = calls[0]!.url.searchParams;
    expect(query.get("limit")).toBe("25");
    expect(query.get("include_unread")).toBe("true");
    expect(query.has("folder")).toBe(false);
  });

  it("drops a paging URL's stale appsecret_proof even when no app secret is configured", async () => {
    const next = "https://graph.example.test/v24.0/1/conversations?after=c1&appsecret_proof=STALE&access_token=LEAKED";
    const { graph, calls } = client([{ body: { data: [], paging: { next } } }, { body: { data: [] } }], { appSecret: undefined });
    for await (const page of graph.pages("1/conversations", { token: "t" })) void page;
    expect(calls[1]!.url.searchParams.has("appsecret_proof")).toBe(false);
    expect(calls[1]!.url.searchParams.has("access_token")).toBe(false);
    expect(headersOf(calls[1]!.init).authorization).toBe("Bearer t");
  });

  it("a call without a token carries neither an authorization header nor an appsecret_proof, and asks for JSON", async () => {
    const { graph, calls } = client([{ body: {} }]);
    await graph.get("me");
    expect(headersOf(calls[0]!.init)).toEqual({ accept: "application/json" });
    expect(calls[0]!.url.searchParams.has("appsecret_proof")).toBe(false);
  });

  it("a POST with a JSON body sends it as JSON; a GET sends no body", async () => {
    const { graph, calls } = client([{ body: { recipient_id: "1", message_id: "m_1" } }, { body: {} }]);
    const message = { recipient: { id: "1" }, messaging_type: "RESPONSE", message: { text: "hi" } };
    expect(await graph.post("me/messages", { token: "t", body: message })).toEqual({ recipient_id: "1", message_id: "m_1" });
    expect(calls[0]!.init.method).toBe("POST");
    expect(headersOf(calls[0]!.init)["content-type"]).toBe("application/json");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(message);
    await graph.get("me", { token: "t" });
    expect(calls[1]!.init.method).toBe("GET");
    expect(calls[1]!.init.body).toBeUndefined();
    expect(headersOf(calls[1]!.init)).not.toHaveProperty("content-type");
  });

  it("a request without a method is a GET, retried three times", async () => {
    const { graph, calls } = client(Array.from({ length: 4 }, () => ({ status: 500, body: metaError(2) })));
    await expect(graph.request({ path: "me", token: "t" })).rejects.toBeInstanceOf(GraphApiError);
    expect(calls.map((c) => c.init.method)).toEqual(["GET", "GET", "GET", "GET"]);
  });

  it("a POST is retried when the caller says it is safe", async () => {
    const { graph, calls } = client([{ status: 500, body: metaError(2) }, { body: { success: true } }]);
    expect(await graph.post("me/messages", { token: "t", body: { sender_action: "typing_on" }, retries: 1 })).toEqual({ success: true });
    expect(calls).toHaveLength(2);
  });
});

describe("GraphClient backoff", () => {
  it("defaults to full jitter over 500 ms · 2^attempt, capped at 30 s", async () => {
    const { graph, clock } = client([...Array.from({ length: 8 }, () => ({ status: 500, body: metaError(2) })), { body: { ok: 1 } }], { backoff: undefined });
    await graph.get("me", { token: "t", retries: 8 });
    // random() = 0.5: half of 500, 1000, … up to the 30 s cap
    expect(clock.sleeps).toEqual([250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });
});

describe("GraphClient failures without a usable answer", () => {
  it.each([
    ["TimeoutError", true, /^Graph GET \/v24\.0\/me timed out$/],
    ["AbortError", true, /^Graph GET \/v24\.0\/me timed out$/],
    ["TypeError", false, /^Graph GET \/v24\.0\/me failed: fetch failed$/],
  ])("fetch failing with %s is a network error (timed out: %s) naming the call, with its cause", async (name, timedOut, message) => {
    const cause = Object.assign(new Error(name === "TypeError" ? "fetch failed" : "aborted"), { name });
    const { graph } = client([cause]);
    const error = await failure(graph.get("me", { token: "t", retries: 0 }));
    expect(error).toBeInstanceOf(GraphNetworkError);
    expect((error as GraphNetworkError).timedOut).toBe(timedOut);
    expect((error as GraphNetworkError).message).toMatch(message);
    expect((error as GraphNetworkError).cause).toBe(cause);
  });

  it("aborts a call after the request's own timeout, which overrides the client's", async () => {
    const hanging = (async (_url: URL, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason as Error)))) as unknown as typeof fetch;
    const graph = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: hanging, timeoutMs: 60_000 });
    const error = await failure(graph.post("me/messages", { token: "t", body: {}, timeoutMs: 20 }));
    expect(error).toBeInstanceOf(GraphNetworkError);
    expect((error as GraphNetworkError).timedOut).toBe(true);
    const quick = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: hanging, timeoutMs: 20 });
    await expect(quick.post("me/messages", { token: "t", body: {} })).rejects.toMatchObject({ timedOut: true });
  });

  it.each([
    ["a reset", new TypeError("terminated"), false],
    ["the timeout", Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }), true],
  ])("an answer whose body breaks off (%s) is a network error, not a result", async (_, cause, timedOut) => {
    const broken = new Response(new ReadableStream({ start: (controller) => controller.error(cause) }), { status: 200 });
    const { graph } = client([broken]);
    const error = await failure(graph.post("me/messages", { token: "t", body: {} }));
    expect(error).toBeInstanceOf(GraphNetworkError);
    expect((error as GraphNetworkError).timedOut).toBe(timedOut);
    expect((error as GraphNetworkError).message).toBe(`Graph POST /v24.0/me/messages: the answer broke off (${cause.message})`);
    expect((error as GraphNetworkError).cause).toBe(cause);
  });

  it("a success status with a body that is not JSON is an unknown outcome, not retried for a POST", async () => {
    const { graph, calls } = client([{ text: "<html>OK</html>" }]);
    const error = await failure(graph.post("me/messages", { token: "t", body: {} }));
    expect(error).toBeInstanceOf(GraphNetworkError);
    expect((error as GraphNetworkError).timedOut).toBe(false);
    expect((error as GraphNetworkError).message).toBe("Graph POST /v24.0/me/messages answered HTTP 200 with a body that is not JSON");
    expect(calls).toHaveLength(1);
  });
});

describe("GraphClient answers", () => {
  it("an empty success body reads as an empty object", async () => {
    const { graph } = client([{ text: "" }]);
    expect(await graph.post("me/messages", { token: "t", body: {} })).toEqual({});
  });

  it.each([["true", true], ["null", null], ['"ok"', "ok"], ["[]", []]])("a success body of bare JSON %s is returned as it is", async (text, expected) => {
    const { graph } = client([{ text }]);
    expect(await graph.get("me", { token: "t" })).toEqual(expected);
  });

  it("Meta's error JSON under a success status is still an error", async () => {
    const { graph, calls } = client([{ status: 200, body: metaError(100, 33) }]);
    const error = await failure(graph.get("123", { token: "t" }));
    expect(error).toBeInstanceOf(GraphApiError);
    expect((error as GraphApiError).matches(100, 33)).toBe(true);
    expect((error as GraphApiError).httpStatus).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it("reports every attempt: method, path, owner, status, attempt, duration, usage and error", async () => {
    const infos: GraphCallInfo[] = [];
    const usage = { "x-app-usage": '{"call_count":80,"total_time":10,"total_cputime":10}' };
    const { graph } = client([{ status: 500, body: metaError(2) }, new TypeError("socket hang up"), { body: { ok: 1 }, headers: usage }], {
      fetchTakesMs: 40,
      onCall: (info) => infos.push(info),
    });
    await graph.get("me", { token: "t", owner: "p" });
    expect(infos).toMatchObject([
      { method: "GET", path: "/v24.0/me", owner: "p", status: 500, durationMs: 40, attempt: 0, usage: { maxPercent: 0, regainAccessMs: 0 } },
      { method: "GET", path: "/v24.0/me", owner: "p", status: null, durationMs: 40, attempt: 1, usage: null },
      { method: "GET", path: "/v24.0/me", owner: "p", status: 200, durationMs: 40, attempt: 2, usage: { maxPercent: 80, regainAccessMs: 0 }, error: null },
    ]);
    expect(infos[0]!.error).toBeInstanceOf(GraphApiError);
    expect(infos[1]!.error).toBeInstanceOf(GraphNetworkError);
  });
});

describe("GraphClient pacing per owner", () => {
  it("an owner without a pacer is neither paced nor paused, even when Meta throttles", async () => {
    const { graph, clock } = client([{ body: {}, headers: throttledBy(0) }, { status: 400, body: metaError(80006), headers: throttledBy(1) }]);
    await graph.get("p/conversations", { token: "t", owner: "p" });
    await expect(graph.get("p/conversations", { token: "t", owner: "p", retries: 0 })).rejects.toBeInstanceOf(GraphApiError);
    expect(clock.sleeps).toEqual([]);
  });

  it("calls without an owner, and unpaced calls, do not wait for the pacer", async () => {
    const { graph, clock } = client([{ body: {} }, { body: {} }, { body: {} }, { body: {} }, { body: {} }], { paced: true });
    for (let i = 0; i < 3; i++) await graph.get("me", { token: "t" });
    await graph.post("me/messages", { token: "t", owner: "p", body: { sender_action: "typing_on" } });
    await graph.post("me/messages", { token: "t", owner: "p", body: { sender_action: "typing_on" }, unpaced: true });
    expect(clock.sleeps).toEqual([]);
  });

  it("a refused throttled call stops its owner for at least a second when Meta gives no estimate", async () => {
    const { graph, clock } = client([{ status: 400, body: metaError(80006) }, { body: {} }, { body: {} }], { paced: true });
    await expect(graph.get("p/conversations", { token: "t", owner: "p", retries: 0 })).rejects.toBeInstanceOf(GraphApiError);
    await graph.get("q/conversations", { token: "t", owner: "q" }); // another Page is not held back
    expect(clock.sleeps).toEqual([]);
    await graph.get("p/conversations", { token: "t", owner: "p" });
    expect(clock.sleeps).toEqual([1_000]);
  });

  it("a refused throttled call stops its owner for Meta's regain estimate", async () => {
    const { graph, clock } = client([{ status: 400, body: metaError(80006), headers: throttledBy(2) }, { body: {} }], { paced: true });
    await expect(graph.get("p/conversations", { token: "t", owner: "p", retries: 0 })).rejects.toBeInstanceOf(GraphApiError);
    await graph.get("p/conversations", { token: "t", owner: "p" });
    expect(clock.sleeps).toEqual([120_000]);
  });

  it("a refused call that is not throttling does not stop its owner", async () => {
    const { graph, clock } = client([{ status: 400, body: metaError(100) }, { body: {} }], { paced: true, fetchTakesMs: 500 });
    await expect(graph.get("p/conversations", { token: "t", owner: "p" })).rejects.toBeInstanceOf(GraphApiError);
    await graph.get("p/conversations", { token: "t", owner: "p" });
    expect(clock.sleeps).toEqual([]);
  });
});

describe("GraphClient batch", () => {
  const item = (i: number) => ({ method: "GET" as const, relativeUrl: `m_${i}?fields=id` });
  const ok = (n: number) => Array.from({ length: n }, (_, i) => ({ code: 200, body: JSON.stringify({ id: `m_${i}` }) }));

  it("an empty batch calls nothing", async () => {
    const { graph, calls } = client([]);
    expect(await graph.batch([], { token: "t" })).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it("holds at most 50 items (Meta's limit)", async () => {
    const { graph, calls } = client([{ body: ok(50) }]);
    await expect(graph.batch(Array.from({ length: 51 }, (_, i) => item(i)), { token: "t" })).rejects.toThrow("a Graph batch holds at most 50 items");
    expect(calls).toHaveLength(0);
    expect(await graph.batch(Array.from({ length: 50 }, (_, i) => item(i)), { token: "t" })).toHaveLength(50);
  });

  it("POSTs a form to the version root with the token, include_headers=false and the named items", async () => {
    const { graph, calls } = client([{ body: ok(2) }]);
    await graph.batch(
      [
        { method: "POST", relativeUrl: "me/messages", name: "first", body: { recipient: { id: "1" }, messaging_type: "RESPONSE", tag: undefined } },
        item(1),
      ],
      { token: "t" },
    );
    const { url, init } = calls[0]!;
    expect(url.origin + url.pathname).toBe("https://graph.example.test/v24.0/");
    expect(init.method).toBe("POST");
    expect(headersOf(init)["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(String(init.body));
    expect(form.get("include_headers")).toBe("false");
    expect(form.get("access_token")).toBe("t");
    const sent = JSON.parse(form.get("batch")!) as Record<string, string>[];
    expect(sent[0]).toMatchObject({ method: "POST", relative_url: "me/messages", name: "first" });
    // strings as they are, objects JSON-encoded, undefined fields left out
    expect(Object.fromEntries(new URLSearchParams(sent[0]!.body))).toEqual({ recipient: '{"id":"1"}', messaging_type: "RESPONSE" });
    expect(sent[1]).toEqual({ method: "GET", relative_url: "m_1?fields=id" });
  });

  it("is not retried unless the caller allows it", async () => {
    const once = client([{ status: 500, body: metaError(2) }]);
    await expect(once.graph.batch([item(0)], { token: "t" })).rejects.toBeInstanceOf(GraphApiError);
    expect(once.calls).toHaveLength(1);
    const twice = client([{ status: 500, body: metaError(2) }, { body: ok(1) }]);
    expect(await twice.graph.batch([item(0)], { token: "t", retries: 1 })).toHaveLength(1);
    expect(twice.calls).toHaveLength(2);
  });

  it.each([
    [200, true],
    [201, true],
    [299, true],
    [300, false],
    [400, false],
    [500, false],
  ])("an item answered %i is ok: %s", async (code, success) => {
    const body = success ? '{"id":"m_1"}' : JSON.stringify(metaError(100));
    const { graph } = client([{ body: [{ code, body }] }]);
    const [result] = await graph.batch([item(1)], { token: "t" });
    expect(result!.ok).toBe(success);
    expect(result!.status).toBe(code);
  });

  it("an item Meta did not finish (null) failed with a transient service error", async () => {
    const { graph } = client([{ body: [null] }]);
    const [result] = await graph.batch([item(0)], { token: "t" });
    expect(result!.ok).toBe(false);
    expect(result!.status).toBeNull();
    const error = !result!.ok ? result!.error : null;
    expect(error!.code).toBe(2);
    expect(error!.isTransient).toBe(true);
    expect(error!.message).toBe("batch item timed out");
  });

  it("an item missing from a short answer failed like one Meta did not finish: one result per item sent", async () => {
    const { graph } = client([{ body: ok(1) }]);
    const results = await graph.batch([item(0), item(1)], { token: "t" });
    expect(results).toHaveLength(2);
    expect(results[0]!.ok).toBe(true);
    expect(!results[1]!.ok && results[1]!.error.isTransient).toBe(true);
  });

  it("an item error whose body came as an object rather than a JSON string is still read", async () => {
    const { graph } = client([{ body: [{ code: 403, body: metaError(10, 2018278) }] }]);
    const [result] = await graph.batch([item(0)], { token: "t" });
    expect(!result!.ok && result!.error.matches(10, 2018278)).toBe(true);
  });
});
