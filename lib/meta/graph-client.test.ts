import { describe, expect, it } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { appSecretProof, expand, GraphClient, type GraphCallInfo } from "./graph-client";
import { GraphApiError, GraphNetworkError } from "./graph-error";
import { Pacer } from "./pacer";

// These tests drive the client's own logic (retries, backoff, pacing, paging, headers) through an injected
// fetch; how Meta answers is covered against the Meta simulator in the sync and send integration tests.
type Reply = { status?: number; body: unknown; headers?: Record<string, string> } | Error;

function scripted(replies: Reply[]) {
  const calls: { url: URL; init: RequestInit }[] = [];
  const fetchImpl = (async (url: URL, init: RequestInit) => {
    calls.push({ url: new URL(url), init });
    const reply = replies.shift();
    if (!reply) throw new Error("no scripted reply left");
    if (reply instanceof Error) throw reply;
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: reply.headers });
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}

function client(replies: Reply[], extra: { pacer?: Pacer; onCall?: (i: GraphCallInfo) => void } = {}) {
  const clock = fakeClock();
  const { calls, fetchImpl } = scripted(replies);
  const graph = new GraphClient({
    baseUrl: "https://graph.example.test",
    version: "v24.0",
    appSecret: "app-secret",
    fetch: fetchImpl,
    clock,
    random: () => 0.5,
    backoff: { baseDelayMs: 100, maxDelayMs: 1_000 },
    ...extra,
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
