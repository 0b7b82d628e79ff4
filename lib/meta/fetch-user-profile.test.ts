import { describe, expect, it } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { GraphClient } from "./graph-client";
import { isGraphApiError } from "./graph-error";
import { fetchUserProfiles, PROFILES_PER_BATCH, type ProfileResult } from "./fetch-user-profile";

/** A Graph client whose fetch answers the scripted replies in turn and records the requests it was sent. */
function client(replies: { status: number; body: unknown }[]) {
  const requests: { method: string; path: string; fields: string | null; batch: { relative_url: string; method: string }[] | null }[] = [];
  const fetchImpl = (async (url: URL, init: RequestInit) => {
    const u = new URL(url);
    const batch = init.body ? new URLSearchParams(String(init.body)).get("batch") : null;
    requests.push({ method: init.method ?? "GET", path: u.pathname, fields: u.searchParams.get("fields"), batch: batch ? JSON.parse(batch) : null });
    const reply = replies.shift()!;
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  }) as unknown as typeof fetch;
  const graph = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: fetchImpl, clock: fakeClock(), random: () => 0 });
  return { graph, requests };
}
const profile = (id: string, name: string) => ({ code: 200, body: JSON.stringify({ id, name }) });
const metaError = (code: number) => ({ error: { message: `(#${code}) error`, type: "OAuthException", code, fbtrace_id: "A" } });
const outage = { status: 500, body: metaError(2) };
const described = (results: ProfileResult[]) => results.map((r) => (r.ok ? r.profile.name : isGraphApiError(r.error) ? `error ${r.error.code}` : "other error"));

describe("fetchUserProfiles in a Graph batch (graph.facebook.com)", () => {
  it("asks for many people in one request, with the fields of their platform, and answers in their order", async () => {
    const { graph, requests } = client([{ status: 200, body: [profile("1", "Ana"), { code: 400, body: JSON.stringify(metaError(100)) }, profile("3", "Lu")] }]);
    const results = await fetchUserProfiles(graph, { userIds: ["1", "2", "3"], platform: "messenger", token: "t", batch: true });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.batch).toEqual([
      { method: "GET", relative_url: "1?fields=id,name,first_name,last_name,profile_pic" },
      { method: "GET", relative_url: "2?fields=id,name,first_name,last_name,profile_pic" },
      { method: "GET", relative_url: "3?fields=id,name,first_name,last_name,profile_pic" },
    ]);
    expect(described(results)).toEqual(["Ana", "error 100", "Lu"]);
  });

  it("asks Instagram for the username too", async () => {
    const { graph, requests } = client([{ status: 200, body: [profile("9", "Mo")] }]);
    await fetchUserProfiles(graph, { userIds: ["9"], platform: "instagram", token: "t", batch: true });
    expect(requests[0]!.batch![0]!.relative_url).toBe("9?fields=id,name,username,profile_pic");
  });

  it("tries a failed request again (it only reads); when it keeps failing, every person has the error", async () => {
    const once = client([outage, { status: 200, body: [profile("1", "Ana")] }]);
    expect(described(await fetchUserProfiles(once.graph, { userIds: ["1"], platform: "messenger", token: "t", batch: true }))).toEqual(["Ana"]);
    expect(once.requests).toHaveLength(2);
    const down = client([outage, outage, outage, outage]);
    expect(described(await fetchUserProfiles(down.graph, { userIds: ["1", "2"], platform: "messenger", token: "t", batch: true }))).toEqual(["error 2", "error 2"]);
    expect(down.requests).toHaveLength(4);
  });
});

describe("fetchUserProfiles one by one (graph.instagram.com: batch requests unverified there)", () => {
  it("reads each person with a GET of their own, each result its own", async () => {
    const { graph, requests } = client([
      { status: 200, body: { id: "1", name: "Ana" } },
      { status: 400, body: metaError(100) },
    ]);
    const results = await fetchUserProfiles(graph, { userIds: ["1", "2"], platform: "instagram", token: "t", batch: false });
    expect(requests.map((r) => [r.method, r.path, r.fields])).toEqual([
      ["GET", "/v24.0/1", "id,name,username,profile_pic"],
      ["GET", "/v24.0/2", "id,name,username,profile_pic"],
    ]);
    expect(described(results)).toEqual(["Ana", "error 100"]);
  });
});

it(`takes at most ${PROFILES_PER_BATCH} people (Meta's batch limit)`, async () => {
  const { graph, requests } = client([]);
  const userIds = Array.from({ length: PROFILES_PER_BATCH + 1 }, (_, i) => String(i));
  await expect(fetchUserProfiles(graph, { userIds, platform: "messenger", token: "t", batch: true })).rejects.toThrow("at most 50");
  expect(requests).toHaveLength(0);
});
