import { describe, expect, it } from "vitest";
import { fakeClock } from "./fake-clock.test-support";
import { GraphClient } from "./graph-client";
import { fetchUserProfiles, PROFILES_PER_BATCH } from "./fetch-user-profile";

/** A Graph client whose fetch answers the scripted batch replies in turn and records what it was sent. */
function client(replies: { status: number; body: unknown }[]) {
  const sent: { relative_url: string; method: string }[][] = [];
  const fetchImpl = (async (_url: URL, init: RequestInit) => {
    sent.push(JSON.parse(new URLSearchParams(String(init.body)).get("batch")!));
    const reply = replies.shift()!;
    return new Response(JSON.stringify(reply.body), { status: reply.status });
  }) as unknown as typeof fetch;
  const graph = new GraphClient({ baseUrl: "https://graph.example.test", version: "v24.0", fetch: fetchImpl, clock: fakeClock(), random: () => 0 });
  return { graph, sent };
}
const profile = (id: string, name: string) => ({ code: 200, body: JSON.stringify({ id, name }) });
const privateProfile = { code: 400, body: JSON.stringify({ error: { message: "(#100) no profile", type: "OAuthException", code: 100, fbtrace_id: "A" } }) };

describe("fetchUserProfiles", () => {
  it("asks for many people in one batch, with the fields of their platform, and answers in their order", async () => {
    const { graph, sent } = client([{ status: 200, body: [profile("1", "Ana"), privateProfile, profile("3", "Lu")] }]);
    const results = await fetchUserProfiles(graph, { userIds: ["1", "2", "3"], platform: "messenger", token: "t" });
    expect(sent).toEqual([
      [
        { method: "GET", relative_url: "1?fields=id,name,first_name,last_name,profile_pic" },
        { method: "GET", relative_url: "2?fields=id,name,first_name,last_name,profile_pic" },
        { method: "GET", relative_url: "3?fields=id,name,first_name,last_name,profile_pic" },
      ],
    ]);
    expect(results.map((r) => (r.ok ? r.data.name : `error ${r.error.code}`))).toEqual(["Ana", "error 100", "Lu"]);
  });

  it("asks Instagram for the username too", async () => {
    const { graph, sent } = client([{ status: 200, body: [profile("9", "Mo")] }]);
    await fetchUserProfiles(graph, { userIds: ["9"], platform: "instagram", token: "t" });
    expect(sent[0]![0]!.relative_url).toBe("9?fields=id,name,username,profile_pic");
  });

  it("tries a failed request again: it only reads", async () => {
    const outage = { status: 500, body: { error: { message: "An unexpected error has occurred.", type: "OAuthException", code: 2, fbtrace_id: "A" } } };
    const { graph, sent } = client([outage, { status: 200, body: [profile("1", "Ana")] }]);
    const [result] = await fetchUserProfiles(graph, { userIds: ["1"], platform: "messenger", token: "t" });
    expect(result!.ok).toBe(true);
    expect(sent).toHaveLength(2);
  });

  it(`takes at most ${PROFILES_PER_BATCH} people (Meta's batch limit)`, () => {
    const { graph, sent } = client([]);
    expect(() => fetchUserProfiles(graph, { userIds: Array.from({ length: PROFILES_PER_BATCH + 1 }, (_, i) => String(i)), platform: "messenger", token: "t" })).toThrow("at most 50");
    expect(sent).toHaveLength(0);
  });
});
