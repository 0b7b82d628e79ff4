// The inbox with the Meta simulator, the webhook processor, realtime (/api/events) and the send API: what an
// agent sees and what reaches Meta. `npm test` runs a simulator for the browser tests (SIMULATOR_URL); against
// a running `npm run demo` the demo's simulator on :4010 is used. The simulator's Pages are connected first.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";
import { connectedMessengerPage, simulatorControl, type SimChannel } from "./support/simulator";

const HOUR = 3_600_000;

type SimConversation = { id: string; contact: { id: string; name: string } };
type SendLogEntry = { id: number; request: { message?: { text?: string }; messaging_type?: string; tag?: string } };

const control = simulatorControl;

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const composer = (page: Page) => page.locator("form[data-composer-mode]");

test.describe("inbox with the Meta simulator (live)", () => {
  let channel: SimChannel;
  test.beforeAll(async ({ playwright, baseURL }) => {
    channel = await connectedMessengerPage(playwright, baseURL);
  });

  /** A new person writes on the simulator's Messenger Page, `ageMs` ago in Meta time; returns their name. */
  async function customerWrites(request: APIRequestContext, text: string, ageMs = 0): Promise<{ name: string; conversation: SimConversation }> {
    const name = `Live ${randomUUID().slice(0, 8)}`;
    if (ageMs) await control(request, "POST", "/clock", { offsetMs: -ageMs });
    try {
      await control(request, "POST", "/customer/message", { channelId: channel.id, newContact: { name }, text });
    } finally {
      if (ageMs) await control(request, "POST", "/clock", { offsetMs: 0 });
    }
    return { name, conversation: await customerConversation(request, name) };
  }

  async function customerConversation(request: APIRequestContext, name: string) {
    const { data } = await control<{ data: SimConversation[] }>(request, "GET", `/conversations?channelId=${channel.id}&limit=500`);
    return data.find((c) => c.contact.name === name)!;
  }

  async function open(page: Page, name: string) {
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(name)}`);
    await list(page).getByRole("option", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  async function sentTo(request: APIRequestContext, text: string): Promise<SendLogEntry> {
    let entry: SendLogEntry | undefined;
    await expect
      .poll(async () => {
        const { data } = await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=200");
        entry = data.find((e) => e.request.message?.text === text);
        return Boolean(entry);
      })
      .toBe(true);
    return entry!;
  }

  test("a customer's message appears in the list and the open thread within 1 s, without a reload", async ({ page, request }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/inbox?folder=all");
    await expect(page.getByText("Live updates")).toBeVisible();
    const text = `Where is my parcel? ${randomUUID().slice(0, 6)}`;
    const started = Date.now();
    const { name } = await customerWrites(request, text);
    await expect(list(page).getByRole("option", { name: new RegExp(name) })).toBeVisible({ timeout: 1_000 });
    test.info().annotations.push({ type: "latency", description: `${Date.now() - started} ms from the simulator's send to the list` });

    await open(page, name);
    const second = `And the invoice please ${randomUUID().slice(0, 6)}`;
    await control(request, "POST", "/customer/message", {
      channelId: channel.id,
      contactId: (await customerConversation(request, name)).contact.id,
      text: second,
    });
    await expect(page.getByRole("log").getByText(second)).toBeVisible({ timeout: 1_000 });
    await page.screenshot({ path: test.info().outputPath("live-inbound-message.png") });
  });

  test("a reply inside 24 h reaches Meta as RESPONSE", async ({ page, request }) => {
    const { name } = await customerWrites(request, "Do you ship to Norway?");
    await signIn(page, DEMO.manager);
    await open(page, name);
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "standard");
    const reply = `Yes, we do — 3 to 5 days. ${randomUUID().slice(0, 6)}`;
    await composer(page).getByRole("textbox").fill(reply);
    await composer(page).getByRole("textbox").press("Enter");
    await expect(page.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: reply })).toContainText(/Sent|Delivered|Read/);
    const sent = await sentTo(request, reply);
    expect(sent.request.messaging_type).toBe("RESPONSE");
    expect(sent.request.tag).toBeUndefined();
  });

  test("a 30-hour-old conversation's reply carries HUMAN_AGENT after the one-time confirmation", async ({ page, request }) => {
    const { name } = await customerWrites(request, "Is the jacket still available?", 30 * HOUR);
    await signIn(page, DEMO.manager);
    await open(page, name);
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");
    const reply = `Yes — I checked it for you. ${randomUUID().slice(0, 6)}`;
    await composer(page).getByRole("textbox").fill(reply);
    await composer(page).getByRole("textbox").press("Enter");
    await page.getByRole("dialog", { name: "Send as a human agent?" }).getByRole("button", { name: "I wrote this reply — send" }).click();
    const shown = page.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: reply });
    await expect(shown).toContainText("Human agent tag");
    const sent = await sentTo(request, reply);
    expect(sent.request.messaging_type).toBe("MESSAGE_TAG");
    expect(sent.request.tag).toBe("HUMAN_AGENT");
    await page.screenshot({ path: test.info().outputPath("live-human-agent-reply.png") });
  });

  test("an 8-day-old conversation: the composer is closed and the API refuses with 422, calling Meta never", async ({ page, request }) => {
    const { name } = await customerWrites(request, "Thanks!", 8 * 24 * HOUR);
    await signIn(page, DEMO.manager);
    await open(page, name);
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "blocked");
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const text = `Late reply ${randomUUID().slice(0, 6)}`;
    const response = await page.request.post(`/api/conversations/${id}/messages`, { headers: { "Idempotency-Key": randomUUID() }, data: { text } });
    expect(response.status()).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("window_closed");
    const { data } = await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=200");
    expect(data.some((e) => e.request.message?.text === text)).toBe(false);
  });

  test("a photo with a caption: the image goes first, by our public URL, then the text", async ({ page, request }) => {
    const { name } = await customerWrites(request, "Can you show me the colour?");
    await signIn(page, DEMO.manager);
    await open(page, name);
    // A tiny valid PNG (1×1): the upload endpoint checks the file's bytes, Meta fetches it from our URL.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    await composer(page).locator('input[type="file"]').setInputFiles({ name: "colour.png", mimeType: "image/png", buffer: png });
    await expect(composer(page).getByText("colour.png")).toBeVisible();
    const caption = `This is the navy one. ${randomUUID().slice(0, 6)}`;
    await composer(page).getByRole("textbox").fill(caption);
    await expect(composer(page).getByRole("button", { name: /Send/ })).toBeEnabled();
    await composer(page).getByRole("textbox").press("Enter");

    const captionEntry = await sentTo(request, caption);
    const { data } = await control<{ data: (SendLogEntry & { status: number; request: { message?: { attachment?: { type: string; payload: { url: string } } } } })[] }>(
      request,
      "GET",
      "/send-log?limit=200",
    );
    // The image sent just before the caption (other specs send images too).
    const image = data.filter((e) => e.id < captionEntry.id && e.request.message?.attachment?.type === "image").sort((a, b) => b.id - a.id)[0];
    expect(image?.status).toBe(200);
    expect(image!.request.message!.attachment!.payload.url).toMatch(/\/api\/uploads\/[0-9a-f-]+\/[^/]+\/colour\.png$/);
    // The URL is public (Meta has no session) and serves the bytes we uploaded.
    const fetched = await request.get(image!.request.message!.attachment!.payload.url);
    expect(fetched.status()).toBe(200);
    expect(Buffer.from(await fetched.body()).equals(png)).toBe(true);
    await expect(page.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: caption })).toContainText(/Sent|Delivered|Read/);
    await page.screenshot({ path: test.info().outputPath("live-photo-with-caption.png") });
  });

  test("a send Meta refuses shows the reason in the agent's language", async ({ page, request }) => {
    const { name } = await customerWrites(request, "Hello?");
    await signIn(page, DEMO.manager);
    await open(page, name);
    const reply = `Are you there? ${randomUUID().slice(0, 6)}`;
    await composer(page).getByRole("textbox").fill(reply);
    // Opening the unread conversation sends mark_seen and typing sends typing_on, both through the same Send API
    // endpoint and each on its own time: let both reach Meta before scripting the refusal, so that the refusal
    // hits the reply itself (a late mark_seen once took it).
    const contactId = (await customerConversation(request, name)).contact.id;
    await expect
      .poll(async () => {
        const { data } = await control<{ data: (SendLogEntry & { request: { recipient?: { id?: string }; sender_action?: string } })[] }>(
          request,
          "GET",
          "/send-log?limit=200",
        );
        const actions = new Set(data.filter((e) => e.request.recipient?.id === contactId).map((e) => e.request.sender_action));
        return actions.has("typing_on") && actions.has("mark_seen");
      })
      .toBe(true);
    await control(request, "POST", "/faults/scripted", { endpoint: "send", effect: "error", error: { code: 551, message: "This person isn't available right now." } });
    await composer(page).getByRole("textbox").press("Enter");
    const failed = page.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: reply });
    await expect(failed).toContainText("Not sent", { timeout: 15_000 });
    await expect(failed.getByRole("alert")).toContainText("can't receive messages from the Page");
    await page.screenshot({ path: test.info().outputPath("live-meta-failure.png") });
  });
});
