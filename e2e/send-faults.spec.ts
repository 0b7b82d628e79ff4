// What an agent sees when Meta errs, through the browser, against scripted faults of the Meta simulator: a
// refusal (reason, Meta's trace id, no Retry where it cannot help), a Meta that does not answer ("Waiting
// for Meta…" with the time, then settled), an invalid token (a banner in the composer at once, Retry after
// an admin reconnects), and channel changes reaching an open composer (Human Agent feature revoked,
// channel disconnected). Screenshots in test-results/e2e/.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { ensureSimulatorChannels, freshPageToken, simulatorControl as control } from "./support/simulator";

const HOUR = 3_600_000;

type SimChannel = { id: string; platform: "messenger" | "instagram"; name: string; humanAgent: boolean };
type AdminChannel = { id: string; metaId: string; tokenStatus: string; humanAgentEnabled: boolean };
type SendLogEntry = { id: number; status: number; request: { recipient?: { id?: string }; sender_action?: string; message?: { text?: string; metadata?: string } } };

const composer = (page: Page) => page.locator("form[data-composer-mode]");
const bubble = (page: Page, text: string) => page.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: text });
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(name) });

test.describe("sending when Meta errs", () => {
  let admin: APIRequestContext;
  let pages: SimChannel[];
  test.beforeAll(async ({ playwright, baseURL }) => {
    admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await ensureSimulatorChannels(admin);
    pages = (await control<{ data: SimChannel[] }>(admin, "GET", "/channels")).data.filter((c) => c.platform === "messenger");
  });
  test.afterAll(async () => {
    await admin.dispose();
  });
  test.afterEach(async ({ request }) => {
    await control(request, "DELETE", "/faults");
    await control(request, "PATCH", "/config", { webhooks: { batchWindowMs: 10 } });
  });

  const adminChannel = async (metaId: string) =>
    ((await (await admin.get("/api/admin/channels")).json()) as { channels: AdminChannel[] }).channels.find((c) => c.metaId === metaId)!;

  /** A new person writes to the Page, `ageMs` ago in Meta time; the conversation reaches the inbox by webhook. */
  async function customerWrites(request: APIRequestContext, channel: SimChannel, ageMs = 0): Promise<string> {
    const name = `Fault ${randomUUID().slice(0, 8)}`;
    if (ageMs) await control(request, "POST", "/clock", { offsetMs: -ageMs });
    try {
      await control(request, "POST", "/customer/message", { channelId: channel.id, newContact: { name }, text: "Hello, where is my parcel?" });
    } finally {
      if (ageMs) await control(request, "POST", "/clock", { offsetMs: 0 });
    }
    return name;
  }

  async function open(page: Page, name: string) {
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(name)}`);
    await page.getByRole("listbox", { name: /conversations/ }).getByRole("option", { name: new RegExp(name) }).click({ timeout: 15_000 });
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  /**
   * Types and sends a reply, with Meta's fault set up for the reply itself: typing sends Meta a typing_on
   * through the same Send API endpoint, so the fault is set up once that call went out.
   */
  async function reply(page: Page, request: APIRequestContext, text: string, fault: () => Promise<unknown>) {
    const since = Math.max(0, ...(await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=1000")).data.map((e) => e.id));
    await composer(page).getByRole("textbox").fill(text);
    await expect
      .poll(async () => (await control<{ data: SendLogEntry[] }>(request, "GET", `/send-log?since=${since}`)).data.some((e) => e.request.sender_action === "typing_on"))
      .toBe(true);
    await fault();
    await composer(page).getByRole("textbox").press("Enter");
  }

  /** What an admin's reconnection does: the Page connected again with a fresh token from Meta. */
  async function reconnect(request: APIRequestContext, pageId: string) {
    expect((await admin.post("/api/admin/channels", { data: { pageToken: await freshPageToken(request, pageId) } })).status()).toBe(201);
  }

  const sendsOf = async (request: APIRequestContext, text: string) =>
    (await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=1000")).data.filter((e) => e.request.message?.text === text);

  test("Meta refuses the reply (100/2018001): Not sent, the reason in plain words, Meta's trace id, no Retry", async ({ page, request }) => {
    const [channel] = pages;
    const name = await customerWrites(request, channel!);
    await signIn(page, DEMO.manager);
    await open(page, name);
    const text = `Refused ${randomUUID().slice(0, 6)}`;
    await reply(page, request, text, () =>
      control(request, "POST", "/faults/scripted", { endpoint: "send", objectId: channel!.id, effect: "error", error: { code: 100, subcode: 2018001, status: 400 } }),
    );
    const failed = bubble(page, text);
    await expect(failed).toContainText("Not sent", { timeout: 12_000 });
    await expect(failed.getByRole("alert")).toContainText("does not recognise this person");
    await expect(failed.getByRole("alert")).toContainText(/Meta trace id [\w-]+/);
    await expect(failed.getByRole("button", { name: "Retry" })).toHaveCount(0);
    await shot(page, "send-fault-permanent.png");
    expect(await sendsOf(request, text)).toHaveLength(1);
  });

  test("Meta does not answer: Waiting for Meta… with the time, then Sent when Meta's echo arrives", async ({ page, request }) => {
    test.setTimeout(60_000);
    const [channel] = pages;
    const name = await customerWrites(request, channel!);
    await signIn(page, DEMO.manager);
    await open(page, name);
    // Meta performs the send but never answers; its echo comes 14 s later.
    const text = `Slow Meta ${randomUUID().slice(0, 6)}`;
    await control(request, "PATCH", "/config", { webhooks: { batchWindowMs: 14_000 } });
    const started = Date.now();
    await reply(page, request, text, () => control(request, "POST", "/faults/scripted", { endpoint: "send", objectId: channel!.id, effect: "timeout" }));
    const sent = bubble(page, text);
    await expect(page.getByRole("log").getByText(/Waiting for Meta… \d+ s/)).toBeVisible({ timeout: 5_000 });
    // The send API answered PENDING (after its 10 s timeout): the server's message waits, counting.
    await expect(sent.getByText(/Waiting for Meta… 1\d s/)).toBeVisible({ timeout: 12_000 });
    await shot(page, "send-fault-waiting.png");
    await expect(sent).toContainText(/Sent|Delivered|Read/, { timeout: 20_000 });
    expect(Date.now() - started).toBeGreaterThan(10_000);
    await shot(page, "send-fault-waiting-settled.png");
    expect(await sendsOf(request, text)).toHaveLength(1);
  });

  test("an invalid token (190): the composer says so at once; after an admin reconnects, Retry sends the reply", async ({ page, request }) => {
    const channel = pages[1]!;
    const name = await customerWrites(request, channel);
    await signIn(page, DEMO.manager);
    await open(page, name);
    const text = `Token refused ${randomUUID().slice(0, 6)}`;
    try {
      await reply(page, request, text, () => control(request, "POST", `/channels/${channel.id}/invalidate-token`));
      const failed = bubble(page, text);
      await expect(failed).toContainText("Not sent", { timeout: 12_000 });
      await expect(failed.getByRole("alert")).toContainText("connection to Meta has expired or was revoked");
      await expect(failed.getByRole("button", { name: "Retry" })).toHaveCount(0);
      await expect(composer(page).getByRole("alert")).toContainText("Meta refused this channel's connection");
      expect((await adminChannel(channel.id)).tokenStatus).toBe("NEEDS_RECONNECT");
      await shot(page, "send-fault-token-banner.png");
    } finally {
      await reconnect(request, channel.id);
    }
    await expect(composer(page).getByRole("alert")).toHaveCount(0);
    const failed = bubble(page, text);
    await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
    await shot(page, "send-fault-token-retry-offered.png");
    await failed.getByRole("button", { name: "Retry" }).click();
    await expect(failed).toContainText(/Sent|Delivered|Read/, { timeout: 12_000 });
    await shot(page, "send-fault-token-retried.png");
    expect((await sendsOf(request, text)).map((e) => e.status)).toEqual([400, 200]);
  });

  test("the Human Agent feature revoked, or the channel disconnected, while the composer is open: it changes at once", async ({ page, request }) => {
    const [channel] = pages;
    const name = await customerWrites(request, channel!, 30 * HOUR);
    await signIn(page, DEMO.manager);
    await open(page, name);
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");
    const ours = await adminChannel(channel!.id);
    try {
      expect((await admin.patch(`/api/admin/channels/${ours.id}`, { data: { humanAgentEnabled: false } })).ok()).toBe(true);
      await expect(composer(page)).toHaveAttribute("data-composer-mode", "blocked");
      await shot(page, "send-fault-human-agent-revoked.png");
    } finally {
      expect((await admin.patch(`/api/admin/channels/${ours.id}`, { data: { humanAgentEnabled: true } })).ok()).toBe(true);
    }
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");

    try {
      expect((await admin.delete(`/api/admin/channels/${ours.id}`)).ok()).toBe(true);
      await expect(composer(page).getByRole("alert")).toContainText("This channel is disconnected");
      await shot(page, "send-fault-disconnected.png");
    } finally {
      await reconnect(request, channel!.id);
      expect((await admin.patch(`/api/admin/channels/${ours.id}`, { data: { humanAgentEnabled: channel!.humanAgent } })).ok()).toBe(true);
    }
    await expect(composer(page).getByRole("alert")).toHaveCount(0);
  });
});
