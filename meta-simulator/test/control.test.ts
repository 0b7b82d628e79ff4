// Control API: datasets, acting as a customer, ages and clock, truth and logs, scripted and seeded
// faults (incl. errors after a successful send and timeouts that still send), persistence, and the
// customer page end to end (a message typed there reaches the callback URL).

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../index";
import { APP_ID, APP_SECRET, T0, VERIFY_TOKEN, graph, hmacHex, startReceiver, startTestSim, type Receiver } from "./helpers";

let sim: RunningSimulator;
let rx: Receiver;
let maison: string;
let ig: string;

beforeAll(async () => {
  rx = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: rx.url } });
  maison = [...sim.sim.world.pages.keys()][0]!;
  ig = sim.sim.world.pages.get(maison)!.igAccountId!;
  await graph(sim.url, "POST", `/${maison}/subscribed_apps`, { access_token: sim.pageToken(maison), subscribed_fields: "messages,message_echoes" });
});
afterAll(async () => {
  await sim.close();
  await rx.close();
});

interface ConvView {
  id: string;
  hoursSinceOpener: number;
  windowBucket: string;
  messageCount: number;
  messages: Array<{ id: string; detailed: boolean; direction: string; text: string | null }>;
}

describe("control API basics", () => {
  it("lists its endpoints and never shadows Graph paths", async () => {
    const r = await sim.control<{ endpoints: string[] }>("GET", "");
    expect(r.endpoints.length).toBeGreaterThan(30);
    expect(r.endpoints.every((e) => e.includes(" /__control"))).toBe(true);
    const unknown = await fetch(`${sim.url}/__control/nope`);
    expect(unknown.status).toBe(404);
    const wrongMethod = await fetch(`${sim.url}/__control/reset`);
    expect(wrongMethod.status).toBe(405);
    const badBody = await fetch(`${sim.url}/__control/customer/message`, { method: "POST", body: JSON.stringify({ text: "no channel" }), headers: { "content-type": "application/json" } });
    expect(badBody.status).toBe(400);
    expect(((await badBody.json()) as { error: { message: string } }).error.message).toContain("channelId");
  });

  it("summary exposes the user token, Page tokens, channels, counts and window buckets", async () => {
    const s = await sim.control<{ user: { accessToken: string; name: string }; channels: Array<{ id: string; platform: string; accessToken: string; humanAgent: boolean }>; counts: { conversations: number }; windowBuckets: Record<string, number> }>("GET", "/summary");
    expect(s.user).toMatchObject({ name: "Camille Martin", accessToken: sim.userToken });
    expect(s.channels.map((c) => c.platform)).toEqual(["messenger", "instagram", "messenger"]);
    expect(s.channels.map((c) => c.humanAgent)).toEqual([true, true, false]);
    expect(s.counts.conversations).toBe(41);
    expect(Object.values(s.windowBuckets).reduce((a, b) => a + b, 0)).toBe(41);
    expect(s.windowBuckets[">=7d"]).toBeGreaterThan(0);
  });

  it("acts as a new customer with a name: a PSID, a conversation, a webhook", async () => {
    rx.posts.length = 0;
    const r = await sim.control<{ contactId: string; conversationId: string; messageId: string; platform: string }>("POST", "/customer/message", { channelId: maison, newContact: { name: "Zoé Dupont" }, text: "Bonjour, où est ma commande ?" });
    expect(r.platform).toBe("messenger");
    const profile = await graph(sim.url, "GET", `/${r.contactId}`, { access_token: sim.pageToken(maison), fields: "first_name,last_name,name" });
    expect(profile.json).toEqual({ first_name: "Zoé", last_name: "Dupont", name: "Zoé Dupont", id: r.contactId });
    const lookup = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: sim.pageToken(maison), platform: "messenger", user_id: r.contactId });
    expect(lookup.json).toEqual({ data: [{ id: r.conversationId }] });
    await sim.control("POST", "/webhooks/drain", {});
    expect(rx.items().map((i) => i.item.message)).toEqual([{ mid: r.messageId, text: "Bonjour, où est ma commande ?" }]);
    const igUser = await sim.control<{ contactId: string }>("POST", "/customer/message", { channelId: ig, newContact: { name: "Zoé Dupont" }, text: "coucou" });
    const igProfile = await graph(sim.url, "GET", `/${igUser.contactId}`, { access_token: sim.pageToken(maison), fields: "username" });
    expect(igProfile.json.username).toBe("zoe.dupont");
  });

  it("sets a conversation's age and reports the truth with every message (incl. older than 20)", async () => {
    const conv = sim.sim.world.sortedConversations(maison).find((c) => c.messages.length > 20)!;
    const aged = await sim.control<ConvView>("POST", `/conversations/${conv.id}/age`, { hours: 25 });
    expect(aged.hoursSinceOpener).toBe(25);
    expect(aged.windowBucket).toBe("24h-7d");
    const send = () => graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), recipient: { id: conv.contactId }, message: { text: "hi" } });
    expect((await send()).json).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    await sim.control("POST", `/conversations/${conv.id}/age`, { minutes: 5 });
    expect((await send()).status).toBe(200);
    const truth = await sim.control<ConvView>("GET", `/conversations/${conv.id}`);
    expect(truth.messages.length).toBe(conv.messages.length);
    expect(truth.messages.length).toBeGreaterThan(20);
    expect(truth.messages.filter((m) => m.detailed)).toHaveLength(20);
    expect(truth.messages.slice(-20).every((m) => m.detailed)).toBe(true);
    // times stay ordered and never in the future
    const times = conv.messages.map((m) => m.createdTime);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(Math.max(...times)).toBeLessThanOrEqual(sim.sim.now());
  });

  it("moves, sets and freezes the simulated clock", async () => {
    const before = await sim.control<{ nowMs: number; frozenAt: number | null }>("GET", "/clock");
    expect(before.frozenAt).toBe(T0);
    const moved = await sim.control<{ nowMs: number }>("POST", "/clock", { advanceHours: 2 });
    expect(moved.nowMs).toBe(T0 + 2 * 3_600_000);
    const set = await sim.control<{ nowMs: number }>("POST", "/clock", { set: "2026-11-20T12:00:00.000Z" });
    expect(set.nowMs).toBe(T0);
    const running = await sim.control<{ frozenAt: number | null }>("POST", "/clock", { freeze: false });
    expect(running.frozenAt).toBeNull();
    const frozen = await sim.control<{ nowMs: number; frozenAt: number }>("POST", "/clock", { set: T0, freeze: true });
    expect(frozen.frozenAt).toBe(T0);
  });

  it("records every Send API call with its full request body and answer", async () => {
    const c = sim.sim.world.sortedConversations(maison)[0]!;
    const since = sim.sim.sendLog.at(-1)?.id ?? 0;
    await graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), recipient: { id: c.contactId }, messaging_type: "RESPONSE", message: { text: "logged", metadata: "inbox:1" } });
    await graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), recipient: { id: "1" }, message: { text: "fails" } });
    const log = await sim.control<{ data: Array<{ request: Record<string, unknown>; status: number; errorCode: number | null; messageId: string | null; objectId: string }> }>("GET", `/send-log?since=${since}`);
    expect(log.data).toHaveLength(2);
    expect(log.data[0]).toMatchObject({ status: 200, objectId: maison, request: { recipient: { id: c.contactId }, messaging_type: "RESPONSE", message: { text: "logged", metadata: "inbox:1" } } });
    expect(log.data[0]!.request.access_token).toBeUndefined();
    expect(log.data[1]).toMatchObject({ status: 400, errorCode: 100, messageId: null });
  });
});

describe("fault injection", () => {
  const send = (text: string) => {
    const c = sim.sim.world.sortedConversations(maison)[0]!;
    return graph(sim.url, "POST", `/${maison}/messages`, { access_token: sim.pageToken(maison), recipient: { id: c.contactId }, message: { text, metadata: `meta:${text}` } });
  };

  it("error after a successful send (1/1357046): the message exists and its echo (with metadata) arrives", async () => {
    rx.posts.length = 0;
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "errorAfterSend" });
    const r = await send("sent-but-failed");
    expect(r.status).toBe(500);
    expect(r.json).toMatchObject({ error: { code: 1, error_subcode: 1357046, is_transient: true } });
    await sim.control("POST", "/webhooks/drain", {});
    const echo = rx.items().find((i) => (i.item.message as { metadata?: string })?.metadata === "meta:sent-but-failed");
    expect(echo).toBeDefined();
    expect((await send("next one is fine")).status).toBe(200);
  });

  /** Sends `text` to the newest conversation and gives up after 300 ms: the fault must leave it unanswered. */
  async function sendUnanswered(text: string) {
    const c = sim.sim.world.sortedConversations(maison)[0]!;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    await expect(
      fetch(`${sim.url}/v24.0/${maison}/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ access_token: sim.pageToken(maison), recipient: { id: c.contactId }, message: { text } }),
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    clearTimeout(timer);
    return sim.sim.world.conversations.get(c.id)!.messages;
  }

  it("a timeout performs the send but never answers", async () => {
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "timeout" });
    expect((await sendUnanswered("into the void")).at(-1)!.text).toBe("into the void");
  });

  it("a hang performs nothing and never answers", async () => {
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "hang" });
    const since = sim.sim.sendLog.at(-1)?.id ?? 0;
    expect((await sendUnanswered("lost on the way")).some((m) => m.text === "lost on the way")).toBe(false);
    const log = await sim.control<{ data: { status: number; messageId: string | null; fault: string | null }[] }>("GET", `/send-log?since=${since}`);
    expect(log.data).toEqual([expect.objectContaining({ status: 0, messageId: null, fault: "scripted:hang" })]);
  });

  it("scripted errors, rate-limit and 5xx faults answer without sending", async () => {
    const before = sim.sim.world.sortedConversations(maison)[0]!.messages.length;
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 551, message: "(#551) This person isn't available right now." } });
    expect((await send("x")).json).toMatchObject({ error: { code: 551, message: "(#551) This person isn't available right now." } });
    await sim.control("POST", "/faults/scripted", { endpoint: "send", effect: "rateLimit" });
    expect((await send("x")).json).toMatchObject({ error: { code: 80006 } });
    await sim.control("POST", "/faults/scripted", { endpoint: "any", effect: "serverError", times: 2 });
    const five = await send("x");
    expect(five.status).toBe(500);
    expect(five.json).toMatchObject({ error: { code: 2, is_transient: true } });
    const conv = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: sim.pageToken(maison), platform: "messenger", limit: 1 });
    expect(conv.status).toBe(500);
    expect(sim.sim.world.sortedConversations(maison)[0]!.messages.length).toBe(before);
    expect((await send("recovered")).status).toBe(200);
  });

  it("seeded fault rates are deterministic", async () => {
    const run = async () => {
      await sim.control("POST", "/faults", { seed: 99, graph: { serverError: 0.4, scope: "send" } });
      const out: number[] = [];
      for (let i = 0; i < 15; i++) out.push((await send(`r${i}`)).status);
      await sim.control("DELETE", "/faults");
      return out;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(a).toContain(500);
    expect(a).toContain(200);
  });
});

describe("persistence", () => {
  it("saves and restores the state through the control API and across a restart (--state-file)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meta-sim-"));
    const file = join(dir, "state.json");
    try {
      const a = await startSimulator({ dataset: "demo", app: { id: APP_ID, secret: APP_SECRET, verifyToken: VERIFY_TOKEN }, stateFile: file, autosaveMs: 60_000 });
      const page = [...a.sim.world.pages.keys()][0]!;
      const r = await a.control<{ contactId: string; conversationId: string; messageId: string }>("POST", "/customer/message", { channelId: page, newContact: { name: "Persisted Person" }, text: "remember me 🧠" });
      await a.control("POST", `/channels/${page}/human-agent`, { enabled: false });
      const saved = await a.control<{ path: string; bytes: number }>("POST", "/state/save", {});
      expect(saved.path).toBe(file);
      expect(JSON.parse(readFileSync(file, "utf8")).format).toBe("meta-simulator-state");
      await a.control("POST", "/customer/message", { channelId: page, contactId: r.contactId, text: "after the save" });
      await a.close(); // saves again

      const b = await startSimulator({ stateFile: file, app: { id: APP_ID, secret: APP_SECRET, verifyToken: VERIFY_TOKEN } });
      try {
        expect(b.sim.world.pages.get(page)!.humanAgent).toBe(false);
        const conv = await b.control<ConvView>("GET", `/conversations/${r.conversationId}`);
        expect(conv.messages.map((m) => m.text)).toEqual(["remember me 🧠", "after the save"]);
        expect(b.userToken).toBe(a.userToken);
        const g = await graph(b.url, "GET", `/${r.messageId}`, { access_token: b.pageToken(page), fields: "message" });
        expect(g.json.message).toBe("remember me 🧠");
        // loading the earlier file content through the API restores that point
        await b.control("POST", "/reset", { dataset: "empty" });
        expect(b.sim.world.conversations.size).toBe(0);
        await b.control("POST", "/state/load", {});
        expect(b.sim.world.conversations.size).toBe(42);
      } finally {
        await b.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reset loads datasets by name with seed and sizes and reports generation time", async () => {
    const other = await startTestSim({ dataset: "empty" });
    try {
      const r = await other.control<{ counts: { conversations: number; pages: number; instagramAccounts: number }; generationMs: number }>("POST", "/reset", { dataset: "generic", seed: 3, sizes: { conversations: 500, pages: 3, instagramAccounts: 2 } });
      expect(r.counts).toMatchObject({ conversations: 500, pages: 3, instagramAccounts: 2 });
      expect(typeof r.generationMs).toBe("number");
      const demo = await other.control<{ counts: { conversations: number } }>("POST", "/reset", { dataset: "demo" });
      expect(demo.counts.conversations).toBe(41);
    } finally {
      await other.close();
    }
  });
});

describe("customer page", () => {
  it("serves a self-contained page (no external assets) with an Enter-to-send composer", async () => {
    const res = await fetch(`${sim.url}/customer`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toContain("<textarea id=\"text\"");
    expect(html).toContain('e.key === "Enter"');
    expect(html).toContain("/customer/message");
    expect(html).toContain("/customer/reaction");
    expect(html).toContain("EventSource");
    expect(html).not.toMatch(/(src|href)="https?:\/\//);
    // the inline script at least compiles
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    expect(() => new Function(script)).not.toThrow();
  });

  it("the page's own script: typing a new person's message and pressing Enter reaches the callback URL", async () => {
    rx.posts.length = 0;
    const html = await (await fetch(`${sim.url}/customer`)).text();
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1]!;
    // a minimal DOM: enough for the page's script (ids, createElement, events, localStorage, fetch, EventSource)
    class El {
      children: El[] = [];
      attrs: Record<string, string> = {};
      listeners: Record<string, Array<(e: unknown) => void>> = {};
      value = "";
      textContent = "";
      disabled = false;
      scrollTop = 0;
      scrollHeight = 0;
      classList = { toggle: () => undefined };
      constructor(readonly tagName: string) {}
      setAttribute(k: string, v: unknown) {
        this.attrs[k] = String(v);
        if (k === "value") this.value = String(v);
      }
      addEventListener(type: string, fn: (e: unknown) => void) {
        (this.listeners[type] ??= []).push(fn);
      }
      appendChild(c: El) {
        this.children.push(c);
        return c;
      }
      set innerHTML(_v: string) {
        this.children = [];
      }
      focus() {}
      fire(type: string, extra: Record<string, unknown> = {}) {
        for (const fn of this.listeners[type] ?? []) fn({ preventDefault() {}, target: this, ...extra });
      }
      text(): string {
        return this.textContent + this.children.map((c) => c.text()).join(" ");
      }
    }
    const ids = ["channel", "people", "newPerson", "newName", "threadHead", "thread", "status", "text", "send", "photo", "seen", "post", "comment"];
    const els = Object.fromEntries(ids.map((id) => [id, new El(id)])) as Record<string, El>;
    const store = new Map<string, string>();
    const intervals: NodeJS.Timeout[] = [];
    const sandbox = {
      document: { getElementById: (id: string) => els[id], createElement: (t: string) => new El(t), body: new El("body") },
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, String(v)) },
      fetch: (u: string, o?: RequestInit) => fetch(`${sim.url}${u}`, o),
      EventSource: class {
        onmessage: unknown = null;
        onerror: unknown = null;
        close() {}
      },
      setTimeout,
      clearTimeout,
      setInterval: (fn: () => void, ms: number) => {
        const t = setInterval(fn, ms);
        intervals.push(t);
        return t;
      },
      console,
    };
    const { runInNewContext } = await import("node:vm");
    runInNewContext(script, sandbox);
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(pred()).toBe(true);
    };
    try {
      await until(() => els.channel!.children.length === 3);
      expect(els.channel!.value).toBe(maison);
      els.newName!.value = "Élodie Keyboard";
      els.newPerson!.fire("submit");
      els.text!.value = "Tapé sur la page client ⌨️";
      els.text!.fire("keydown", { key: "Enter", shiftKey: false, isComposing: false });
      await until(() => els.thread!.text().includes("Tapé sur la page client ⌨️"));
      expect(els.text!.value).toBe("");
      await sim.control("POST", "/webhooks/drain", {});
      const item = rx.items().at(-1)!.item;
      expect((item.message as { text: string }).text).toBe("Tapé sur la page client ⌨️");
      const person = sim.sim.world.contacts.get((item.sender as { id: string }).id)!;
      expect(`${person.firstName} ${person.lastName}`).toBe("Élodie Keyboard");
      expect(rx.posts.at(-1)!.headers["x-hub-signature-256"]).toBe(`sha256=${hmacHex("sha256", APP_SECRET, rx.posts.at(-1)!.raw)}`);
    } finally {
      intervals.forEach(clearInterval);
    }
  });

  it("a message typed on the page is POSTed to the callback URL, signed, and announced over SSE", async () => {
    rx.posts.length = 0;
    const events: string[] = [];
    const controller = new AbortController();
    const sse = await fetch(`${sim.url}/__control/events`, { signal: controller.signal });
    const reader = sse.body!.getReader();
    const pump = (async () => {
      const dec = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        events.push(dec.decode(value));
      }
    })();
    // exactly what the page's send() does
    const r = await sim.control<{ contactId: string; messageId: string }>("POST", "/customer/message", { channelId: maison, newContact: { name: "Walk-in Customer" }, text: "Typed on the customer page ✍️" });
    await sim.control("POST", "/webhooks/drain", {});
    const post = rx.posts.at(-1)!;
    expect(post.headers["x-hub-signature-256"]).toBe(`sha256=${hmacHex("sha256", APP_SECRET, post.raw)}`);
    expect(rx.items().at(-1)!.item).toMatchObject({ sender: { id: r.contactId }, message: { mid: r.messageId, text: "Typed on the customer page ✍️" } });
    const thread = await sim.control<{ messages: Array<{ text: string }> }>("GET", `/thread?contactId=${r.contactId}`);
    expect(thread.messages.map((m) => m.text)).toEqual(["Typed on the customer page ✍️"]);
    for (let i = 0; i < 50 && !events.join("").includes(r.messageId); i++) await new Promise((res) => setTimeout(res, 10));
    controller.abort();
    await pump;
    expect(events.join("")).toContain(r.messageId);
  });
});
