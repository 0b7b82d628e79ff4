// Two agents, one customer (issue 10 §2), in two browsers against the Meta simulator: each sees the other
// viewing and typing in the thread header; the first reply assigns the unassigned conversation to its sender;
// the second agent, who started their draft before that reply, is warned ("… replied 12 s ago — review
// before sending") and sends only with "Send anyway". The tab title counts new conversations (§3).
// Screenshots in test-results/e2e/.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi, uniqueEmail } from "./support/auth";
import { ensureSimulatorChannels, simulatorControl as control } from "./support/simulator";

const PASSWORD = "a-long-enough-password";
type SimChannel = { id: string; platform: "messenger" | "instagram"; name: string };
type Teammate = { id: string; name: string; email: string };

const composer = (page: Page) => page.locator("form[data-composer-mode]");
const presence = (page: Page) => page.getByTestId("thread-presence");
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(name) });
const titleCount = (title: string) => Number(/^\((\d+)\) /.exec(title)?.[1] ?? 0);

test.describe("two agents, one customer", () => {
  let admin: APIRequestContext;
  let messenger: SimChannel;
  let alex: Teammate;
  let sam: Teammate;

  test.beforeAll(async ({ playwright, baseURL }) => {
    admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await ensureSimulatorChannels(admin);
    messenger = (await control<{ data: SimChannel[] }>(admin, "GET", "/channels")).data.find((c) => c.platform === "messenger")!;
    const { channels } = (await (await admin.get("/api/admin/channels")).json()) as { channels: { id: string; metaId: string }[] };
    const channelId = channels.find((c) => c.metaId === messenger.id)!.id;
    // Two agents of their own, working only the simulator's Page (the demo's Alex and Sam keep their channels).
    const teammate = async (first: string): Promise<Teammate> => {
      const name = `${first} ${randomUUID().slice(0, 4)}`;
      const email = uniqueEmail(first.toLowerCase());
      const response = await admin.post("/api/admin/agents", { data: { name, email, role: "AGENT", password: PASSWORD, channelIds: [channelId] } });
      expect(response.status()).toBe(201);
      return { id: ((await response.json()) as { agent: { id: string } }).agent.id, name, email };
    };
    alex = await teammate("Alex");
    sam = await teammate("Sam");
  });
  test.afterAll(async () => {
    await admin.dispose();
  });

  async function agentPage(browser: Browser, who: Teammate): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who.email, PASSWORD);
    return page;
  }

  async function open(page: Page, name: string) {
    await page.goto(`/inbox?folder=unassigned&q=${encodeURIComponent(name)}`);
    await page.getByRole("listbox", { name: /conversations/ }).getByRole("option", { name: new RegExp(name) }).click({ timeout: 15_000 });
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  test("presence, the collision warning with Send anyway, and the first reply assigning the conversation", async ({ browser, request }) => {
    test.slow();
    const alexPage = await agentPage(browser, alex);
    const samPage = await agentPage(browser, sam);
    await alexPage.goto("/inbox?folder=unassigned");
    await expect(alexPage.getByText("Live updates")).toBeVisible();
    const before = titleCount(await alexPage.title());

    // A new customer writes: Alex's tab title counts it, live.
    const customer = `Team ${randomUUID().slice(0, 8)}`;
    await control(request, "POST", "/customer/message", { channelId: messenger.id, newContact: { name: customer }, text: "Hi! Can someone check my order?" });
    await expect.poll(async () => titleCount(await alexPage.title()), { timeout: 15_000 }).toBe(before + 1);
    await expect(alexPage).toHaveTitle(/^\(\d+\) .*Inbox$/);

    // Both open it: each sees the other.
    await open(alexPage, customer);
    await open(samPage, customer);
    await expect(alexPage.locator("#assignee-select")).toHaveValue("");
    await expect(presence(alexPage)).toHaveText(`${sam.name} is viewing`);
    await expect(presence(samPage)).toHaveText(`${alex.name} is viewing`);

    // Alex starts a draft; Sam sees it being typed.
    await composer(alexPage).getByRole("textbox").fill("Hello! Let me look at your order.");
    await expect(presence(samPage)).toHaveText(`${alex.name} is typing…`);
    await shot(samPage, "team-presence-typing.png");

    // Sam replies first: the unassigned conversation becomes Sam's, in both browsers.
    await composer(samPage).getByRole("textbox").fill("Hi, Sam here — your order ships today.");
    await expect(presence(alexPage)).toHaveText(`${sam.name} is typing…`);
    await composer(samPage).getByRole("textbox").press("Enter");
    await expect(samPage.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: "ships today" })).toBeVisible();
    await expect(samPage.locator("#assignee-select")).toHaveValue(sam.id);
    await expect(alexPage.locator("#assignee-select")).toHaveValue(sam.id);
    await expect(presence(alexPage)).toHaveText(`${sam.name} is viewing`);

    // Alex sends the draft begun before Sam's reply: warned, nothing sent, the draft kept.
    await composer(alexPage).getByRole("textbox").press("Enter");
    const warning = composer(alexPage).getByRole("alert");
    await expect(warning).toContainText(new RegExp(`${sam.name} replied \\d+ s ago — review before sending`));
    await expect(composer(alexPage).getByRole("textbox")).toHaveValue("Hello! Let me look at your order.");
    await expect(alexPage.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: "Let me look" })).toHaveCount(0);
    await shot(alexPage, "team-collision-warning.png");

    // Having read Sam's reply, Alex sends anyway; the conversation stays Sam's.
    await warning.getByRole("button", { name: "Send anyway" }).click();
    await expect(alexPage.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: "Let me look" })).toBeVisible();
    await expect(warning).toBeHidden();
    await expect(samPage.getByRole("log").locator("[data-sender-kind=AGENT]").filter({ hasText: "Let me look" })).toBeVisible();
    await expect(alexPage.locator("#assignee-select")).toHaveValue(sam.id);
    await shot(alexPage, "team-after-send-anyway.png");

    // Sam leaves: Alex's header empties.
    await samPage.goto("/inbox?folder=mine");
    await expect(presence(alexPage)).toHaveText("");
    await alexPage.context().close();
    await samPage.context().close();
  });

  test("a note that @-mentions a teammate reaches their Mentions live; opening it opens the conversation", async ({ browser, request }) => {
    test.slow();
    const alexPage = await agentPage(browser, alex);
    const samPage = await agentPage(browser, sam);
    await samPage.goto("/inbox?folder=mine");
    await expect(samPage.getByText("Live updates")).toBeVisible();
    const mentions = samPage.getByRole("button", { name: /^Mentions/ });
    await expect(mentions).toHaveAccessibleName("Mentions");

    const customer = `Mention ${randomUUID().slice(0, 8)}`;
    await control(request, "POST", "/customer/message", { channelId: messenger.id, newContact: { name: customer }, text: "Can I change my delivery address?" });
    // The name arrives with Meta's profile, just after the message: search for it once it is there.
    await expect
      .poll(async () => ((await (await alexPage.request.get(`/api/conversations?folder=unassigned&q=${encodeURIComponent(customer)}`)).json()) as { conversations: unknown[] }).conversations.length, {
        timeout: 20_000,
      })
      .toBe(1);
    await open(alexPage, customer);
    await composer(alexPage).getByRole("button", { name: "Private note" }).click();
    const note = composer(alexPage).getByRole("textbox", { name: "Private note" });
    // `@` and the start of a name offer the teammates who see this conversation; picking one inserts the full name.
    await note.pressSequentially(`@${sam.name.slice(0, 3)}`);
    const teammates = composer(alexPage).getByRole("listbox", { name: "Teammates" });
    await expect(teammates.getByRole("option", { name: new RegExp(`^${sam.name}`) })).toBeVisible();
    await expect(teammates.getByRole("option", { name: new RegExp(`^${alex.name}`) })).toHaveCount(0); // not the author
    await shot(alexPage, "mention-picker.png");
    await teammates.getByRole("option", { name: new RegExp(`^${sam.name}`) }).click();
    await expect(note).toHaveValue(`@${sam.name} `);
    await expect(note).toBeFocused();
    await note.pressSequentially("can you take this one? You changed her address last time.");
    await note.press("Enter");
    await expect(alexPage.getByRole("log").locator("[data-note-id]").filter({ hasText: "can you take this one" })).toBeVisible();

    // Sam's header counts it without a reload, and the panel names who wrote it and about whom.
    await expect(mentions).toHaveAccessibleName("Mentions, 1 unread", { timeout: 15_000 });
    await mentions.click();
    const panel = samPage.getByRole("dialog", { name: "Mentions" });
    await expect(panel).toContainText(`${alex.name} · ${customer}`);
    await shot(samPage, "mentions-panel.png");
    await panel.getByRole("button", { name: new RegExp(customer) }).click();
    await expect(samPage.getByRole("heading", { level: 2, name: customer })).toBeVisible();
    await expect(samPage.getByRole("log").locator("[data-note-id]").filter({ hasText: "can you take this one" })).toBeVisible();
    await expect(mentions).toHaveAccessibleName("Mentions");
    await alexPage.context().close();
    await samPage.context().close();
  });
});
