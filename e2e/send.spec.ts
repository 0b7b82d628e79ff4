// The send API, uploads and typing against the production build (API tests, no browser). With a Meta
// simulator wired into the run (SIMULATOR_URL, the app's META_GRAPH_BASE_URL pointing at it) the tests also
// check what reaches Meta; without one, those tests are skipped and the rest still run.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, signInApi } from "./support/auth";
import { allConversations, ensureSimulatorChannels, simulatorChannels } from "./support/simulator";

const SIMULATOR_URL = process.env.SIMULATOR_URL?.replace(/\/+$/, "");
const HOUR = 3_600_000;

interface ConversationItem {
  id: string;
  channel: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM"; humanAgentEnabled: boolean };
  lastInboundAt: string | null;
}
interface MessageView {
  id: string;
  mid: string | null;
  sendStatus: "PENDING" | "SENT" | "FAILED" | null;
  messagingType: string | null;
  tag: string | null;
  error: { message: string; action: string } | null;
}
interface SendLogEntry {
  id: number;
  request: { messaging_type?: string; tag?: string; sender_action?: string; message?: { metadata?: string } };
}

const conversations = (request: APIRequestContext) => allConversations<ConversationItem>(request);

const ageHours = (c: ConversationItem) => (c.lastInboundAt ? (Date.now() - Date.parse(c.lastInboundAt)) / HOUR : Infinity);

function pick(list: ConversationItem[], what: string, filter: (c: ConversationItem) => boolean): ConversationItem {
  const found = list.find(filter);
  if (!found) throw new Error(`the demo has no conversation ${what}`);
  return found;
}

const sendReply = (request: APIRequestContext, conversationId: string, data: unknown, key: string | null = crypto.randomUUID()) =>
  request.post(`/api/conversations/${conversationId}/messages`, { data, headers: key ? { "Idempotency-Key": key } : {} });

async function sendLogSince(since: number): Promise<SendLogEntry[]> {
  const response = await fetch(`${SIMULATOR_URL}/__control/send-log?since=${since}&limit=1000`);
  return ((await response.json()) as { data: SendLogEntry[] }).data;
}
async function lastSendLogId(): Promise<number> {
  return Math.max(0, ...(await sendLogSince(0)).map((e) => e.id));
}
const metadataOf = (id: string) => `inbox:v1:${id}`;

/** A one-shot fault at the simulator (meta-simulator/README.md, Control API). */
async function scriptFault(request: APIRequestContext, fault: Record<string, unknown>) {
  const response = await request.post(`${SIMULATOR_URL}/__control/faults/scripted`, { data: fault });
  expect(response.ok(), await response.text()).toBe(true);
}

/** The simulator's Page (or IG account) id of a conversation's channel. */
async function simulatorPageOf(request: APIRequestContext, conversation: ConversationItem & { channel: { name?: string } }): Promise<string> {
  const channels = await simulatorChannels(request);
  const channel = channels.find((c) => c.platform === "messenger" && c.name === conversation.channel.name);
  if (!channel) throw new Error(`no simulator channel named ${conversation.channel.name}`);
  return channel.id;
}

test.describe("send API", () => {
  let agent: APIRequestContext;
  let list: ConversationItem[];

  test.beforeAll(async ({ playwright, baseURL }) => {
    agent = await playwright.request.newContext({ baseURL });
    await signInApi(agent, DEMO.alex);
    list = await conversations(agent);
  });
  test.afterAll(async () => {
    await agent.dispose();
  });

  test("signed out: 401; bad requests: 400 with the reason", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    const someone = list[0]!;
    expect((await sendReply(anonymous, someone.id, { text: "Hi" })).status()).toBe(401);
    await anonymous.dispose();

    const noKey = await sendReply(agent, someone.id, { text: "Hi" }, null);
    expect(noKey.status()).toBe(400);
    expect(JSON.stringify(await noKey.json())).toMatch(/Idempotency-Key/);
    const empty = await sendReply(agent, someone.id, { text: "   " });
    expect(empty.status()).toBe(400);
    expect(((await empty.json()) as { error: { details: { fields: Record<string, string[]> } } }).error.details.fields.text).toEqual(["Write a message or attach a file."]);
  });

  test("8 days after the person's message: 422 with reason and deadline, and Meta receives nothing", async () => {
    const closed = pick(list, "older than 7 days", (c) => ageHours(c) > 7 * 24 + 1 && ageHours(c) !== Infinity);
    const before = SIMULATOR_URL ? await lastSendLogId() : 0;
    const response = await sendReply(agent, closed.id, { text: "Sorry for the late answer" });
    expect(response.status()).toBe(422);
    const { error } = (await response.json()) as { error: { code: string; message: string; details: Record<string, unknown> } };
    expect(error.code).toBe("window_closed");
    expect(error.details).toMatchObject({ reason: "WINDOW_CLOSED", stage: "CLOSED" });
    expect(Date.parse(error.details.deadline as string)).toBeLessThan(Date.now());
    if (SIMULATOR_URL) expect(await sendLogSince(before)).toEqual([]);
  });

  test("a conversation of a channel the agent does not work: 404", async ({ playwright, baseURL }) => {
    const sam = await playwright.request.newContext({ baseURL });
    await signInApi(sam, DEMO.sam);
    const samSees = new Set((await conversations(sam)).map((c) => c.id));
    const hidden = pick(list, "outside Sam's channels", (c) => !samSees.has(c.id));
    expect((await sendReply(sam, hidden.id, { text: "Hi" })).status()).toBe(404);
    expect((await sam.post(`/api/conversations/${hidden.id}/typing`)).status()).toBe(404);
    await sam.dispose();
  });

  test("a reply is stored once per Idempotency-Key: 201, the same message again with 200, 409 for another body; retry answers", async () => {
    const recent = pick(list, "younger than 20 h", (c) => ageHours(c) < 20);
    const key = crypto.randomUUID();
    const first = await sendReply(agent, recent.id, { text: "Checking your order now." }, key);
    expect(first.status()).toBe(201);
    const { message } = (await first.json()) as { message: MessageView };
    // SENT when the channel is connected to Meta (a simulator in this run); FAILED with the reason otherwise.
    expect(["SENT", "PENDING", "FAILED"]).toContain(message.sendStatus);
    if (message.sendStatus === "FAILED") expect(message.error?.message.length).toBeGreaterThan(20);
    const again = await sendReply(agent, recent.id, { text: "Checking your order now." }, key);
    expect(again.status()).toBe(200);
    expect(((await again.json()) as { message: MessageView }).message.id).toBe(message.id);
    expect((await sendReply(agent, recent.id, { text: "Another text" }, key)).status()).toBe(409);

    const retry = await agent.post(`/api/messages/${message.id}/retry`);
    expect(retry.status()).toBe(message.sendStatus === "FAILED" ? 200 : 409);
    expect((await agent.post(`/api/messages/${crypto.randomUUID()}/retry`)).status()).toBe(404);
  });

  test("typing is accepted at once (202)", async () => {
    const response = await agent.post(`/api/conversations/${list[0]!.id}/typing`);
    expect(response.status()).toBe(202);
    expect(["queued", "throttled"]).toContain(((await response.json()) as { typing: string }).typing);
  });

  test.describe("with the Meta simulator", () => {
    test.skip(!SIMULATOR_URL, "SIMULATOR_URL is not set: the app is not wired to a Meta simulator in this run");
    // Conversations of the simulator's Pages, connected through the admin API; a manager works them all.
    let manager: APIRequestContext;
    let live: ConversationItem[];
    test.beforeAll(async ({ playwright, baseURL }) => {
      const admin = await playwright.request.newContext({ baseURL });
      await signInApi(admin, DEMO.admin);
      await ensureSimulatorChannels(admin);
      const names = new Set((await simulatorChannels(admin)).map((c) => c.name));
      await admin.dispose();
      manager = await playwright.request.newContext({ baseURL });
      await signInApi(manager, DEMO.manager);
      live = (await allConversations<ConversationItem & { channel: { name: string } }>(manager)).filter((c) => names.has(c.channel.name));
    });
    test.afterAll(async () => {
      await manager?.dispose();
    });

    test("2 hours: RESPONSE at Meta; 30 hours: MESSAGE_TAG + HUMAN_AGENT", async () => {
      const agent = manager;
      const list = live;
      const recent = pick(list, "younger than 20 h", (c) => ageHours(c) < 20);
      const older = pick(list, "between 25 h and 6 days with Human Agent", (c) => ageHours(c) > 25 && ageHours(c) < 6 * 24 && c.channel.humanAgentEnabled);
      const before = await lastSendLogId();
      const first = await sendReply(agent, recent.id, { text: "Thanks, we're on it." });
      const second = await sendReply(agent, older.id, { text: "Sorry for the wait — here is an update." });
      expect([first.status(), second.status()]).toEqual([201, 201]);
      const a = ((await first.json()) as { message: MessageView }).message;
      const b = ((await second.json()) as { message: MessageView }).message;
      expect(a).toMatchObject({ sendStatus: "SENT", messagingType: "RESPONSE", tag: null });
      expect(b).toMatchObject({ sendStatus: "SENT", messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
      const log = await sendLogSince(before);
      expect(log.find((e) => e.request.message?.metadata === metadataOf(a.id))?.request).toMatchObject({ messaging_type: "RESPONSE" });
      expect(log.find((e) => e.request.message?.metadata === metadataOf(b.id))?.request).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });
    });

    test("the same Idempotency-Key twice (also at once): one message at Meta", async () => {
      const agent = manager;
      const recent = pick(live, "younger than 20 h", (c) => ageHours(c) < 20);
      const key = crypto.randomUUID();
      const before = await lastSendLogId();
      const responses = await Promise.all([0, 1, 2].map(() => sendReply(agent, recent.id, { text: "Only once" }, key)));
      const again = await sendReply(agent, recent.id, { text: "Only once" }, key);
      expect(responses.map((r) => r.status()).sort()).toEqual([200, 200, 201]);
      expect(again.status()).toBe(200);
      const ids = new Set(await Promise.all([...responses, again].map(async (r) => ((await r.json()) as { message: MessageView }).message.id)));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      expect((await sendLogSince(before)).filter((e) => e.request.message?.metadata === metadataOf(id!))).toHaveLength(1);
      expect((await sendReply(agent, recent.id, { text: "Something else" }, key)).status()).toBe(409);
    });

    test("Meta refuses the reply (100/2018001): 201 FAILED with the reason and fbtrace_id within 12 s, one call at Meta", async ({ request }) => {
      const recent = pick(live, "on Messenger, younger than 20 h", (c) => c.channel.platform === "MESSENGER" && ageHours(c) < 20);
      const pageId = await simulatorPageOf(request, recent);
      const before = await lastSendLogId();
      await scriptFault(request, { endpoint: "send", objectId: pageId, effect: "error", error: { code: 100, subcode: 2018001, status: 400 }, times: 1 });
      const started = Date.now();
      const response = await sendReply(manager, recent.id, { text: "Refused by Meta" });
      expect(Date.now() - started).toBeLessThan(12_000);
      expect(response.status()).toBe(201);
      const { message } = (await response.json()) as { message: MessageView & { error: { fbtraceId: string | null } } };
      expect(message).toMatchObject({ sendStatus: "FAILED", error: { code: 100, subcode: 2018001, action: "none" } });
      expect(message.error?.fbtraceId).toMatch(/[\w-]{6,}/);
      expect((await sendLogSince(before)).filter((e) => e.request.message?.metadata === metadataOf(message.id))).toHaveLength(1);
    });
  });
});

test.describe("uploads", () => {
  const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("e2e picture")]);
  let agent: APIRequestContext;
  test.beforeAll(async ({ playwright, baseURL }) => {
    agent = await playwright.request.newContext({ baseURL });
    await signInApi(agent, DEMO.alex);
  });
  test.afterAll(async () => {
    await agent.dispose();
  });
  const upload = (name: string, mimeType: string, buffer: Buffer) => agent.post("/api/uploads", { multipart: { file: { name, mimeType, buffer } } });

  test("201 with a signed public URL that serves the bytes to anyone (Meta fetches it without a session)", async ({ playwright }) => {
    const response = await upload("label.png", "application/octet-stream", PNG);
    expect(response.status()).toBe(201);
    const { upload: stored } = (await response.json()) as { upload: { id: string; url: string; contentType: string; fileName: string; sizeBytes: number } };
    expect(stored).toMatchObject({ contentType: "image/png", fileName: "label.png", sizeBytes: PNG.length });
    const anonymous = await playwright.request.newContext();
    const served = await anonymous.get(stored.url);
    expect(served.status()).toBe(200);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(Buffer.from(await served.body())).toEqual(PNG);
    expect((await anonymous.get(stored.url.replace(/\.[\w-]{32}\//, `.${"x".repeat(32)}/`))).status()).toBe(404);
    await anonymous.dispose();
  });

  test("415 for a file Meta does not take, 413 for an image over 8 MB", async () => {
    const html = await upload("cat.png", "image/png", Buffer.from("<!doctype html><script>alert(1)</script>"));
    expect(html.status()).toBe(415);
    const big = Buffer.alloc(9 * 1024 * 1024);
    PNG.copy(big);
    const tooBig = await upload("big.png", "image/png", big);
    expect(tooBig.status()).toBe(413);
    expect(((await tooBig.json()) as { error: { message: string } }).error.message).toMatch(/8 MB/);
  });

  test("a 12 MB PDF arrives whole (larger than the 10 MB a proxy buffers by default)", async () => {
    const pdf = Buffer.alloc(12 * 1024 * 1024, 0x20);
    Buffer.from("%PDF-1.4\n").copy(pdf);
    const response = await upload("manual.pdf", "application/pdf", pdf);
    expect(response.status()).toBe(201);
    expect(((await response.json()) as { upload: { sizeBytes: number } }).upload.sizeBytes).toBe(pdf.length);
  });

  test("signed out: 401", async ({ playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.post("/api/uploads", { multipart: { file: { name: "a.png", mimeType: "image/png", buffer: PNG } } })).status()).toBe(401);
    await anonymous.dispose();
  });
});
