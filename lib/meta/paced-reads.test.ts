import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/meta-simulator";
import { fakeClock } from "./fake-clock.test-support";
import { GraphClient, type GraphCallInfo } from "./graph-client";
import { CONVERSATIONS_API_CALLS_PER_SECOND, CONVERSATIONS_PACING_HEADROOM } from "./graph";
import { Pacer } from "./pacer";

// The stall behind a flaky backfill (issue 11 §1): on a busy machine one paced Conversations API call reached
// Meta late, so the next one arrived less than 450 ms after it. Meta (the simulator) admitted both, but its
// usage header on the second answer said `estimated_time_to_regain_access: 1` — and the client, as it must,
// paused that Page for a whole minute: the backfill stopped for 60 s with its job still RUNNING.
// Here the client's pacer and Meta's buckets share one fake clock, so the late arrival is exact.
const clock = fakeClock(1_000_000);
let sim: RunningSimulator;
let pageId: string;

beforeAll(async () => {
  sim = await startSimulator({
    dataset: { name: "generic", seed: 11, sizes: { pages: 1, instagramAccounts: 0, conversations: 12, messagesPerConversation: { min: 1, max: 2 } } },
    config: { limits: { conversationsPerSecond: CONVERSATIONS_API_CALLS_PER_SECOND } },
    rateLimitClock: () => clock.now(),
    stateFile: null,
    port: 0,
  });
  pageId = [...sim.sim.world.pages.keys()][0]!;
});
afterAll(() => sim?.close());

describe("paced Conversations API reads against Meta's rate limit", () => {
  it("a call that reaches Meta late does not make the next admitted answer stop the Page for a minute", async () => {
    let call = 0;
    const lateFetch = (async (url: URL, init: RequestInit) => {
      // The first call leaves 300 ms after its pacing slot (a busy event loop); the others on time.
      if (call++ === 0) clock.time += 300;
      return fetch(url, init);
    }) as typeof fetch;
    const calls: GraphCallInfo[] = [];
    const graph = new GraphClient({
      baseUrl: sim.url,
      version: "v24.0",
      clock,
      fetch: lateFetch,
      pacer: new Pacer(CONVERSATIONS_API_CALLS_PER_SECOND / CONVERSATIONS_PACING_HEADROOM, clock),
      onCall: (info) => calls.push(info),
    });
    const started = clock.now();
    let conversations = 0;
    for await (const page of graph.pages<{ id: string }>(`${pageId}/conversations`, { token: sim.pageToken(pageId), owner: pageId, params: { platform: "messenger", limit: 2 } })) {
      conversations += page.data.length;
    }
    expect(conversations).toBe(12);
    expect(calls.map((c) => c.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Every answer was admitted, so none may announce a block …
    expect(calls.map((c) => c.usage?.regainAccessMs)).toEqual([0, 0, 0, 0, 0, 0]);
    // … and six calls at ~1.92/s take a few seconds of (fake) time, not a minute.
    expect(Math.max(...clock.sleeps)).toBeLessThan(2_000);
    expect(clock.now() - started).toBeLessThan(10_000);
  });
});
