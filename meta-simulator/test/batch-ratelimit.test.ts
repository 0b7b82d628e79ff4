// Batch requests and rate limits: per-item results with string bodies, items counted against the
// buckets, 613 / 80006 with climbing usage headers, and a client pacing at exactly 2 calls/s is never
// rejected (Meta's default limits, real time).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { graph, startTestSim } from "./helpers";

type Item = { code: number; headers?: Array<{ name: string; value: string }>; body: string } | null;

let sim: RunningSimulator;
let maison: string;
let velo: string;
/** The buckets refill in real time; a test that counts admissions stops that clock so a slow machine can't refill them mid-test. */
let rateLimitClockStoppedAt: number | null = null;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "demo", rateLimitClock: () => rateLimitClockStoppedAt ?? performance.now() });
  [maison, velo] = [...sim.sim.world.pages.keys()] as [string, string];
});
afterAll(() => sim.close());

const fresh = (pageId: string) => sim.sim.world.sortedConversations(pageId)[0]!;
const sendBody = (psid: string, text: string) => `messaging_type=RESPONSE&recipient=${encodeURIComponent(JSON.stringify({ id: psid }))}&message=${encodeURIComponent(JSON.stringify({ text }))}`;

describe("POST / batch", () => {
  it("runs items in order; bodies are JSON strings; one item may fail while others succeed", async () => {
    const c = fresh(maison);
    const r = await graph<Item[]>(sim.url, "POST", "/", {
      access_token: sim.pageToken(maison),
      batch: [
        { method: "POST", relative_url: "me/messages", body: sendBody(c.contactId, "first ✓") },
        { method: "POST", relative_url: "/v24.0/me/messages", body: sendBody("123", "nobody") },
        { method: "GET", relative_url: `${c.id}?fields=messages.limit(1){message}` },
        { method: "GET", relative_url: `${maison}?fields=name` },
      ],
    });
    expect(r.status).toBe(200);
    const [a, b, cc, d] = r.json as Exclude<Item, null>[];
    expect(a!.code).toBe(200);
    expect(typeof a!.body).toBe("string");
    expect(JSON.parse(a!.body)).toEqual({ recipient_id: c.contactId, message_id: expect.any(String) });
    expect(b!.code).toBe(400);
    expect(JSON.parse(b!.body)).toMatchObject({ error: { code: 100, error_subcode: 2018001 } });
    expect(JSON.parse(cc!.body).messages.data[0].message).toBe("first ✓");
    expect(JSON.parse(d!.body)).toEqual({ name: "Maison Lumière", id: maison });
    expect(a!.headers).toEqual(expect.arrayContaining([{ name: "Content-Type", value: "text/javascript; charset=UTF-8" }]));
    // bodies use Meta's escaped form too
    expect(d!.body).toContain("Maison Lumi\\u00e8re");
  });

  it("include_headers=false drops headers; more than 50 items is refused; a top-level token is required", async () => {
    const t = sim.pageToken(maison);
    const noHeaders = await graph<Item[]>(sim.url, "POST", "/", { access_token: t, include_headers: "false", batch: JSON.stringify([{ method: "GET", relative_url: maison }]) }, { form: true });
    expect(Object.keys(noHeaders.json[0]!).sort()).toEqual(["body", "code"]);
    const many = Array.from({ length: 51 }, () => ({ method: "GET", relative_url: maison }));
    const tooMany = await graph(sim.url, "POST", "/", { access_token: t, batch: JSON.stringify(many) }, { form: true });
    expect(tooMany.json).toMatchObject({ error: { code: 100 } });
    const fifty = await graph<Item[]>(sim.url, "POST", "/", { access_token: t, batch: JSON.stringify(many.slice(0, 50)) }, { form: true });
    expect(fifty.json).toHaveLength(50);
    const noToken = await graph(sim.url, "POST", "/", { batch: JSON.stringify([{ method: "GET", relative_url: `${maison}?access_token=${t}` }]) }, { form: true });
    expect(noToken.json).toMatchObject({ error: { code: 104 } });
    // an item may carry its own token (another Page's)
    const own = await graph<Item[]>(sim.url, "POST", "/", { access_token: t, batch: JSON.stringify([{ method: "GET", relative_url: `${velo}?fields=name&access_token=${sim.pageToken(velo)}` }]) }, { form: true });
    expect(JSON.parse(own.json[0]!.body)).toEqual({ name: "Velo Rapido Bikes", id: velo });
  });

  it("items count against the rate limits", async () => {
    sim.sim.updateConfig({ limits: { conversationsPerSecond: 2 } });
    try {
      const r = await graph<Item[]>(sim.url, "POST", "/", {
        access_token: sim.pageToken(velo),
        batch: JSON.stringify(Array.from({ length: 4 }, () => ({ method: "GET", relative_url: `${velo}/conversations?platform=messenger&limit=1` }))),
      }, { form: true });
      expect(r.json.map((i) => i!.code)).toEqual([200, 200, 400, 400]);
      expect(JSON.parse(r.json[2]!.body)).toMatchObject({ error: { code: 613 } });
    } finally {
      sim.sim.updateConfig({ limits: { conversationsPerSecond: null } });
    }
  });

  it("a timed-out item is null but was performed", async () => {
    const c = fresh(maison);
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "timeout" });
    const before = c.messages.length;
    const r = await graph<Item[]>(sim.url, "POST", "/", { access_token: sim.pageToken(maison), batch: JSON.stringify([{ method: "POST", relative_url: "me/messages", body: sendBody(c.contactId, "lost answer") }, { method: "GET", relative_url: maison }]) }, { form: true });
    expect(r.json[0]).toBeNull();
    expect(r.json[1]!.code).toBe(200);
    expect(c.messages.length).toBe(before + 1);
    expect(c.messages.at(-1)!.text).toBe("lost answer");
  });
});

describe("rate limits (Meta's defaults)", () => {
  it("Conversations API: a burst beyond 2/s gets 613 while X-Business-Use-Case-Usage climbs to 100", async () => {
    sim.sim.updateConfig({ limits: { conversationsPerSecond: 2 } });
    sim.sim.limiter.reset();
    try {
      const t = sim.pageToken(velo);
      // A concurrent burst of 8: the bucket holds 2 and refills 2/s, so however slow this machine is, most
      // of the burst is refused. (Sequential calls would race the refill on a loaded machine.)
      const calls = await Promise.all(
        Array.from({ length: 8 }, () => graph(sim.url, "GET", `/${velo}/conversations`, { access_token: t, platform: "messenger", limit: 1 })),
      );
      const admitted = calls.filter((c) => c.status === 200);
      const refused = calls.filter((c) => c.status !== 200);
      expect(admitted.length).toBeGreaterThanOrEqual(2);
      expect(refused.length).toBeGreaterThanOrEqual(3);
      for (const r of refused) {
        expect(r.status).toBe(400);
        expect(r.json).toMatchObject({ error: { code: 613, message: "(#613) Calls to this api have exceeded the rate limit." } });
        const usage = JSON.parse(r.headers.get("x-business-use-case-usage")!)[velo][0];
        expect(usage).toMatchObject({ type: "messenger", call_count: 100, estimated_time_to_regain_access: 1 });
      }
      const usageOf = (c: (typeof calls)[number]) => JSON.parse(c.headers.get("x-business-use-case-usage")!)[velo][0].call_count as number;
      // The first admitted call used half of a 2-call bucket; the usage only climbs from there.
      expect(Math.min(...admitted.map(usageOf))).toBe(50);
      // another Page has its own bucket
      expect((await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: sim.pageToken(maison), platform: "messenger", limit: 1 })).status).toBe(200);
    } finally {
      sim.sim.updateConfig({ limits: { conversationsPerSecond: null } });
      sim.sim.limiter.reset();
    }
  });

  it("an admitted call never announces a block: estimated_time_to_regain_access stays 0 until a call is refused", async () => {
    sim.sim.updateConfig({ limits: { conversationsPerSecond: 2 } });
    sim.sim.limiter.reset();
    try {
      const t = sim.pageToken(velo);
      const call = () => graph(sim.url, "GET", `/${velo}/conversations`, { access_token: t, platform: "messenger", limit: 1 });
      const regain = (r: Awaited<ReturnType<typeof call>>) => JSON.parse(r.headers.get("x-business-use-case-usage")!)[velo][0].estimated_time_to_regain_access as number;
      // Two calls back to back: the 2-call bucket admits both; the second leaves it nearly empty, which is
      // no block — a client must not be told to stay away for a minute for calls Meta accepted.
      const first = await call();
      const second = await call();
      expect([first.status, second.status]).toEqual([200, 200]);
      expect([regain(first), regain(second)]).toEqual([0, 0]);
      const third = await call();
      expect(third.status).toBe(400);
      expect(regain(third)).toBe(1);
    } finally {
      sim.sim.updateConfig({ limits: { conversationsPerSecond: null } });
      sim.sim.limiter.reset();
    }
  });

  it("a client pacing at exactly 2 calls/s per Page is never rejected", async () => {
    sim.sim.updateConfig({ limits: { conversationsPerSecond: 2 } });
    sim.sim.limiter.reset();
    try {
      const t = sim.pageToken(maison);
      const start = performance.now();
      const statuses: number[] = [];
      let url: string | undefined;
      for (let k = 0; k < 7; k++) {
        const due = start + k * 500;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const r = url
          ? await graph<{ paging?: { next?: string } }>(sim.url, "GET", url)
          : await graph<{ paging?: { next?: string } }>(sim.url, "GET", `/${maison}/conversations`, { access_token: t, platform: "messenger", limit: 2, fields: "id,messages.limit(20){id,message}" });
        statuses.push(r.status);
        url = r.json.paging?.next;
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200]);
    } finally {
      sim.sim.updateConfig({ limits: { conversationsPerSecond: null } });
    }
  });

  it("Send API: audio/video share a 10/s bucket (80006) while text keeps its 300/s", async () => {
    sim.sim.updateConfig({ limits: { sendPerSecond: 300, sendMediaPerSecond: 10 } });
    sim.sim.limiter.reset();
    rateLimitClockStoppedAt = performance.now();
    try {
      const c = fresh(maison);
      const t = sim.pageToken(maison);
      const video = { attachment: { type: "video", payload: { url: "https://example.com/v.mp4" } } };
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) {
        const r = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: t, recipient: { id: c.contactId }, message: video });
        codes.push(r.status === 200 ? 200 : (r.json.error as { code: number }).code);
      }
      expect(codes.filter((x) => x === 200).length).toBeGreaterThanOrEqual(10);
      expect(codes.filter((x) => x === 200).length).toBeLessThanOrEqual(11);
      expect(codes).toContain(80006);
      const text = await graph(sim.url, "POST", `/${maison}/messages`, { access_token: t, recipient: { id: c.contactId }, message: { text: "still fine" } });
      expect(text.status).toBe(200);
    } finally {
      rateLimitClockStoppedAt = null;
      sim.sim.updateConfig({ limits: { sendPerSecond: null, sendMediaPerSecond: null } });
    }
  });
});
