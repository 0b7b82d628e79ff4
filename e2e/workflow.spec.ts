// Team workflow (issue 14) in the browser, with the Meta simulator: an agent inserts a saved reply with `/`,
// edits it and sends it as a human agent; a manager finds the unedited one in review. Live project: it
// sends through the simulator and adds conversations.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, DEMO_PASSWORD, signIn, signInApi, uniqueEmail } from "./support/auth";
import { connectedMessengerPage, simulatorControl, type SimChannel } from "./support/simulator";

const HOUR = 3_600_000;
type SendLogEntry = { id: number; request: { message?: { text?: string }; messaging_type?: string; tag?: string } };

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const composer = (page: Page) => page.locator("form[data-composer-mode]");

test.describe("team workflow (live)", () => {
  let channel: SimChannel;
  let appChannelId: string;
  let agentEmail: string;
  const shortcut = `sorry${randomUUID().slice(0, 4)}`;

  test.beforeAll(async ({ playwright, baseURL }) => {
    // Run alone, this connects the simulator's Pages and waits for their import first.
    test.setTimeout(180_000);
    channel = await connectedMessengerPage(playwright, baseURL);
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    const { channels } = (await (await admin.get("/api/admin/channels")).json()) as { channels: { id: string; metaId: string }[] };
    appChannelId = channels.find((c) => c.metaId === channel.id)!.id;
    // An agent of our own, working the simulator's Page: "Jordan" is {{agent.first_name}}.
    agentEmail = uniqueEmail("jordan");
    const created = await admin.post("/api/admin/agents", {
      data: { name: "Jordan Lee", email: agentEmail, role: "AGENT", password: DEMO_PASSWORD, channelIds: [appChannelId] },
    });
    expect(created.status()).toBe(201);
    const reply = await admin.post("/api/saved-replies", {
      data: { name: "Sorry for the wait", shortcut, text: "Hi {{contact.first_name|there}}, {{agent.first_name}} here — sorry for the wait." },
    });
    expect(reply.status()).toBe(201);
    await admin.dispose();
  });

  async function customerWrites(request: APIRequestContext, firstName: string, text: string, ageMs: number): Promise<string> {
    const name = `${firstName} ${randomUUID().slice(0, 8)}`;
    await simulatorControl(request, "POST", "/clock", { offsetMs: -ageMs });
    try {
      await simulatorControl(request, "POST", "/customer/message", { channelId: channel.id, newContact: { name }, text });
    } finally {
      await simulatorControl(request, "POST", "/clock", { offsetMs: 0 });
    }
    return name;
  }

  /** Waits until the search finds `count` conversations (a new person's name arrives with Meta's profile, just after the message). */
  async function waitUntilFound(page: Page, q: string, count: number) {
    await expect
      .poll(
        async () => ((await (await page.request.get(`/api/conversations?folder=all&q=${encodeURIComponent(q)}`)).json()) as { conversations: unknown[] }).conversations.length,
        { timeout: 20_000 },
      )
      .toBe(count);
  }

  async function open(page: Page, name: string) {
    await waitUntilFound(page, name, 1);
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(name)}`);
    await list(page).getByRole("option", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  async function sentTo(request: APIRequestContext, text: string): Promise<SendLogEntry> {
    let entry: SendLogEntry | undefined;
    await expect
      .poll(async () => {
        const { data } = await simulatorControl<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=200");
        entry = data.find((e) => e.request.message?.text === text);
        return Boolean(entry);
      })
      .toBe(true);
    return entry!;
  }

  /** Types `/query` in the composer and inserts the first match with the keyboard only. */
  async function insertSavedReply(page: Page, query: string) {
    const box = composer(page).getByRole("textbox");
    await box.click();
    await box.pressSequentially(`/${query}`);
    const picker = page.getByRole("listbox", { name: "Saved replies" });
    await expect(picker.getByRole("option").first()).toContainText(`/${shortcut}`);
    await box.press("Enter");
    await expect(picker).toBeHidden();
  }

  test("an agent inserts a saved reply with /, edits it and sends it as a human agent; a manager finds the unedited one in review", async ({ page, request, browser }) => {
    // Two agents' sessions, two sends through Meta and a review search: a slow test's budget on a busy machine.
    test.slow();
    const edited = await customerWrites(request, "Mara", "Where is my order?", 30 * HOUR);
    const unedited = await customerWrites(request, "Noor", "Any news?", 30 * HOUR);
    await signIn(page, agentEmail);

    await open(page, edited);
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");
    await insertSavedReply(page, shortcut.slice(0, 4));
    const box = composer(page).getByRole("textbox");
    const inserted = "Hi Mara, Jordan here — sorry for the wait.";
    await expect(box).toHaveValue(inserted);
    // Unchanged, the composer says HUMAN_AGENT needs a person's reply; once edited it stops saying so.
    const warning = composer(page).getByText(`This is saved reply /${shortcut} unchanged`);
    await expect(warning).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("saved-reply-unedited-warning.png") });
    await box.press("End");
    await box.pressSequentially(" Your parcel left our warehouse this morning.");
    await expect(warning).toBeHidden();
    const editedText = `${inserted} Your parcel left our warehouse this morning.`;
    await box.press("Enter");
    await page.getByRole("dialog", { name: "Send as a human agent?" }).getByRole("button", { name: "I wrote this reply — send" }).click();
    expect((await sentTo(request, editedText)).request).toMatchObject({ messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" });

    await open(page, unedited);
    await insertSavedReply(page, shortcut);
    const uneditedText = "Hi Noor, Jordan here — sorry for the wait.";
    await expect(composer(page).getByRole("textbox")).toHaveValue(uneditedText);
    await composer(page).getByRole("textbox").press("Enter");
    await page.getByRole("dialog", { name: "Send as a human agent?" }).getByRole("button", { name: "I wrote this reply — send" }).click();
    expect((await sentTo(request, uneditedText)).request).toMatchObject({ tag: "HUMAN_AGENT" });

    const manager = await browser.newPage();
    await signIn(manager, DEMO.manager);
    await manager.goto("/review");
    await manager.getByLabel("HUMAN_AGENT sent from an unedited saved reply").check();
    await manager.getByRole("button", { name: "Apply filters" }).click();
    await expect(manager).toHaveURL(/savedReplyUnedited=1/);
    const results = manager.getByRole("main");
    await expect(results.getByText(new RegExp(unedited.split(" ")[1]!))).toBeVisible();
    await expect(results.getByText(new RegExp(edited.split(" ")[1]!))).toHaveCount(0);
    await manager.screenshot({ path: test.info().outputPath("review-unedited-saved-replies.png"), fullPage: true });
    await results.getByRole("link", { name: new RegExp(unedited) }).click();
    await expect(manager.getByText(`From saved reply /${shortcut} (Sorry for the wait) · sent unedited`)).toBeVisible();
    await manager.close();
  });

  test("bulk: an agent selects three conversations and resolves them at once", async ({ page, request }) => {
    const batch = `Bulk${randomUUID().slice(0, 6)}`;
    const names = [];
    for (const n of ["Ada", "Ben", "Cleo"]) names.push(await customerWrites(request, `${batch} ${n}`, "Hello?", 1 * HOUR));
    await signIn(page, agentEmail);
    await waitUntilFound(page, batch, 3);
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(batch)}`);
    for (const name of names) await expect(list(page).getByRole("option", { name: new RegExp(name) })).toBeVisible();
    await page.getByRole("button", { name: "Select", exact: true }).click();
    await expect(list(page)).toHaveAttribute("aria-multiselectable", "true");
    // Keyboard and mouse both select: the last row with End and Space, the other two by click (the three were
    // written within a second, so which one is last is not known in advance).
    const bar = page.getByRole("region", { name: "Bulk actions" });
    await list(page).focus();
    await list(page).press("End");
    await list(page).press("Space");
    await expect(bar).toContainText("1 selected");
    for (const name of names) {
      const row = list(page).getByRole("option", { name: new RegExp(name) });
      if ((await row.getAttribute("aria-selected")) !== "true") await row.click();
    }
    await expect(bar).toContainText("3 selected");
    await page.screenshot({ path: test.info().outputPath("bulk-selected.png") });
    await bar.getByRole("button", { name: "Resolve" }).click();
    await expect(bar.getByRole("status")).toHaveText("Resolved 3 conversations.");
    for (const name of names) await expect(list(page).getByRole("option", { name: new RegExp(name) })).toHaveCount(0);
    await page.goto(`/inbox?folder=resolved&q=${encodeURIComponent(batch)}`);
    for (const name of names) await expect(list(page).getByRole("option", { name: new RegExp(name) })).toBeVisible();
  });
});
