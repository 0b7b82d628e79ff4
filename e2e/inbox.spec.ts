// The inbox against the demo data (scripts/demo/seed-demo.ts): folders, filters, search, paging, every
// message kind, the composer per window stage, work management, keyboard, accessibility, narrow screens.
// Tests that change a conversation use their own conversation and put it back as they found it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const option = (page: Page, name: string | RegExp) => list(page).getByRole("option", { name: typeof name === "string" ? new RegExp(name) : name });
const composer = (page: Page) => page.locator("form[data-composer-mode]");
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

async function openInbox(page: Page, path = "/inbox?folder=all", email: string = DEMO.manager) {
  await signIn(page, email);
  await page.goto(path);
  await expect(list(page)).toBeVisible();
}

/** Opens a conversation by searching for the person (rows outside the viewport are not in the page). */
async function openConversation(page: Page, name: string, folder = "all") {
  await page.goto(`/inbox?folder=${folder}&q=${encodeURIComponent(name)}`);
  await option(page, name).first().click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeFocused();
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

test.describe("inbox: folders, filters, search, paging", () => {
  test("folders show unread counts and list what they define; the view is part of the URL", async ({ page }) => {
    await openInbox(page, "/inbox");
    const folders = page.getByRole("navigation", { name: "Folders" });
    for (const name of ["Mine", "Unassigned", "All", "Expiring soon", "Closed window", "Snoozed", "Resolved"]) {
      await expect(folders.getByRole("link", { name: new RegExp(`^${name}`) })).toBeVisible();
    }
    await expect(folders.getByRole("link", { name: /^All/ })).toHaveAttribute("aria-current", "page");
    await expect(folders.getByRole("link", { name: /^Unassigned \d+ unread/ })).toBeVisible();
    await expect(option(page, "Ana Souza")).toBeVisible();
    await shot(page, "inbox-all");

    await folders.getByRole("link", { name: /^Expiring soon/ }).click();
    await expect(page).toHaveURL(/folder=expiring/);
    // Nearest deadline first: Priya's 24-hour window ends in ~2 h, Lucas's human-agent window in ~12 h.
    const expiring = list(page).getByRole("option");
    await expect(expiring.nth(0)).toContainText("Priya Sharma");
    await expect(expiring.nth(0)).toContainText(/Reply 1 h \d+ m/);
    await expect(expiring.nth(1)).toContainText("Lucas Rossi");
    await expect(expiring.nth(1)).toContainText(/Human agent 11 h \d+ m/);
    await shot(page, "inbox-expiring-soon");

    await folders.getByRole("link", { name: /^Closed window/ }).click();
    await expect(option(page, "Samuel Okafor")).toContainText("Closed");
    await expect(option(page, "Ana Souza")).toHaveCount(0);
    await folders.getByRole("link", { name: /^Resolved/ }).click();
    await expect(option(page, "Omar Haddad")).toBeVisible();
    await folders.getByRole("link", { name: /^Snoozed/ }).click();
    await expect(option(page, "Mia Kowalski")).toContainText("Snoozed");
    await folders.getByRole("link", { name: /^Mine/ }).click();
    await expect(option(page, "Lucas Rossi")).toBeVisible();
    await expect(option(page, "Ana Souza")).toHaveCount(0);

    // A linked view opens as it was shared.
    await page.goto("/inbox?folder=resolved");
    await expect(page.getByRole("heading", { level: 2, name: "Resolved" })).toBeVisible();
    await expect(option(page, "Omar Haddad")).toBeVisible();
  });

  test("filters by platform and channel, and searches by name and message text", async ({ page }) => {
    await openInbox(page);
    await page.getByLabel("Platform").selectOption("INSTAGRAM");
    await expect(page).toHaveURL(/platform=instagram/);
    await expect(option(page, "Kofi Mensah")).toBeVisible();
    await expect(list(page).getByRole("option").filter({ hasText: "Ana Souza" })).toHaveCount(0);
    await page.getByLabel("Platform").selectOption("");
    await page.getByLabel("Channel").selectOption({ label: "Northwind Outfitters · Messenger" });
    await expect(option(page, "Ana Souza")).toBeVisible();
    await expect(list(page).getByRole("option").filter({ hasText: "Kofi Mensah" })).toHaveCount(0);
    await page.getByLabel("Channel").selectOption("");

    const search = page.getByRole("searchbox", { name: "Search conversations by name or message" });
    await search.fill("norway");
    await expect(page).toHaveURL(/q=norway/);
    await expect(list(page).getByRole("option")).toHaveCount(1);
    await expect(option(page, "Priya Sharma")).toBeVisible();
    await shot(page, "inbox-search-message-text");
    await search.fill("Souza");
    await expect(list(page).getByRole("option")).toHaveCount(1);
    await expect(option(page, "Ana Souza")).toBeVisible();
    await search.fill("no such words anywhere");
    await expect(page.getByText("No conversation matches this search.")).toBeVisible();
    await page.reload();
    await expect(search).toHaveValue("no such words anywhere");
    await search.press("Escape");
    await expect(page).not.toHaveURL(/q=/);
  });

  test("loads the next keyset page as the list scrolls (more than 50 conversations)", async ({ page }) => {
    await openInbox(page);
    const count = page.getByText(/^\d+\+? conversations$/);
    await expect(count).toHaveText("50+ conversations");
    await list(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(count).toHaveText(/^(5[1-9]|[6-9]\d) conversations$/);
    await list(page).evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const total = Number((await count.textContent())!.split(" ")[0]);
    const last = list(page).getByRole("option").last();
    await expect(last).toHaveAttribute("aria-posinset", String(total));
    await expect(last).toHaveAttribute("aria-setsize", String(total));
    // Virtualized: only the rows in view exist in the page, however long the list.
    expect(await list(page).getByRole("option").count()).toBeLessThan(30);
    await shot(page, "inbox-all-scrolled-to-end");
  });

  test("agents see only the conversations of their channels", async ({ page, playwright, baseURL }) => {
    const manager = await playwright.request.newContext({ baseURL });
    await signInApi(manager, DEMO.manager);
    const { conversations } = (await (await manager.get("/api/conversations?folder=all&q=Yuki")).json()) as { conversations: { id: string }[] };
    await manager.dispose();
    expect(conversations).toHaveLength(1);

    // Sam works the Messenger Page only; Yuki wrote on Instagram.
    await openInbox(page, "/inbox?folder=all&q=Yuki", DEMO.sam);
    await expect(page.getByText("No conversation matches this search.")).toBeVisible();
    await page.goto(`/inbox/${conversations[0]!.id}?folder=all`);
    await expect(page.getByRole("heading", { name: "This conversation is not available" })).toBeVisible();
    expect((await page.request.get(`/api/conversations/${conversations[0]!.id}/messages`)).status()).toBe(404);
  });
});

test.describe("thread", () => {
  test("every kind of message is shown distinctly", async ({ page }) => {
    await signIn(page, DEMO.manager);

    await openConversation(page, "Ana Souza");
    const thread = page.getByRole("log", { name: "Messages with Ana Souza" });
    await expect(thread.locator("[data-sender-kind=CONTACT]").filter({ hasText: /^Sure, it's #4821/ })).toContainText("Edited");
    const agentReply = thread.locator("[data-sender-kind=AGENT]").filter({ hasText: "could you share your order number" });
    await expect(agentReply).toContainText("Alex Agent");
    await expect(agentReply).toContainText("Response");
    await expect(agentReply).toContainText("Read");
    await expect(agentReply.getByRole("list", { name: "Reactions" })).toContainText("The person reacted ❤️");
    await expect(thread.locator("[data-sender-kind=OTHER_APP]")).toContainText("Sent from Meta Business Suite");
    await expect(thread.getByRole("img", { name: "Photo of the receipt" })).toBeVisible();
    await expect(thread.getByText("Private note · Maya Manager")).toBeVisible();
    await expect(thread.getByText(/Replying to Sure, it's #4821/)).toBeVisible();
    await expect(thread.getByText("Yesterday")).toBeVisible();
    await expect(thread.getByText("Today")).toBeVisible();
    await shot(page, "thread-messenger-every-kind");

    await openConversation(page, "Jonas Müller");
    const jonas = page.getByRole("log", { name: "Messages with Jonas Müller" });
    await expect(jonas.getByText("Jonas Müller tapped “Exchange an item”")).toBeVisible();
    await expect(jonas.locator("[data-sender-kind=OUR_APP]")).toContainText("Automation");
    const failed = jonas.locator("[data-sender-kind=AGENT]");
    await expect(failed).toContainText("Not sent");
    await expect(failed.getByRole("alert")).toContainText("Meta is limiting how fast this Page can send right now");
    await expect(failed.getByRole("alert")).toContainText("Meta trace id AxD9kQ2nY7bZ");
    await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
    await shot(page, "thread-failed-postback-automation");

    await openConversation(page, "Yuki Tanaka");
    const yuki = page.getByRole("log", { name: "Messages with Yuki Tanaka" });
    await expect(yuki.getByText("This message was unsent.")).toBeVisible();
    await expect(yuki.locator("[data-sender-kind=AGENT]")).toContainText("Delivered");

    await openConversation(page, "Kofi Mensah");
    const kofi = page.getByRole("log", { name: "Messages with Kofi Mensah" });
    await expect(kofi.getByText("Earlier history is not available from Meta")).toBeVisible();
    await expect(kofi.getByRole("link", { name: "invoice-3391.pdf" })).toHaveAttribute("href", /invoice-3391\.pdf$/);
    await expect(kofi.locator("video")).toHaveCount(1);
    await expect(kofi.locator("audio")).toHaveCount(1);
    await shot(page, "thread-instagram-attachments-history-marker");

    await openConversation(page, "Elena Petrova");
    await expect(page.getByText("Elena Petrova arrived from an ad (winter-sale)")).toBeVisible();
  });

  test("older messages load when the agent scrolls to the top", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Tomás Ortiz");
    const thread = page.getByRole("log", { name: "Messages with Tomás Ortiz" });
    await expect(thread.getByText("Answer 40: noted")).toBeVisible();
    await expect(thread.getByText("Question 1 about the bulk order")).toHaveCount(0);
    await expect(thread.locator("[data-message-id]")).toHaveCount(50);
    // Scroll up as a person does (a programmatic jump is not the agent leaving the bottom).
    await thread.hover();
    await expect(async () => {
      await page.mouse.wheel(0, -4000);
      await expect(thread.getByText("Question 1 about the bulk order for our running club")).toBeAttached({ timeout: 500 });
    }).toPass();
    // The thread stays where the agent scrolled to instead of jumping back to the newest message.
    await expect(thread.getByText("Answer 40: noted")).not.toBeInViewport();
    await expect(thread.locator("[data-message-id]")).toHaveCount(80);
    await expect(thread.getByText("Scroll up for earlier messages")).toHaveCount(0);
  });
});

test.describe("composer", () => {
  test("2 h after the person wrote: a normal reply; Shift+Enter adds a line; drafts are kept per conversation", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Ana Souza");
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "standard");
    await expect(composer(page)).toContainText(/Normal reply · 21 h \d+ m left in the 24-hour window/);
    const box = page.getByRole("textbox", { name: "Reply to Ana Souza" });
    await box.fill("Line one");
    await box.press("Shift+Enter");
    await box.pressSequentially("Line two");
    await expect(box).toHaveValue("Line one\nLine two");
    await expect(page.getByText("Sending…")).toHaveCount(0);
    await expect(composer(page)).toContainText("17 / 2,000");
    await shot(page, "composer-standard-with-draft");

    // Reply to a specific message: the composer shows which one, and it can be cancelled.
    const quoted = page.getByRole("log").locator("[data-message-id]").filter({ hasText: /^Also — could I switch it to size M\?/ });
    await quoted.hover();
    await quoted.getByRole("button", { name: /^Reply to this message/ }).click();
    await expect(composer(page)).toContainText("Replying to: Also — could I switch it to size M?");
    await expect(box).toBeFocused();
    await composer(page).getByRole("button", { name: "Cancel the reply to this message" }).click();
    await expect(composer(page)).not.toContainText("Replying to:");

    await openConversation(page, "Priya Sharma");
    await expect(page.getByRole("textbox", { name: "Reply to Priya Sharma" })).toHaveValue("");
    await openConversation(page, "Ana Souza");
    await expect(box).toHaveValue("Line one\nLine two");
    await page.reload();
    await expect(page.getByRole("textbox", { name: "Reply to Ana Souza" })).toHaveValue("Line one\nLine two");
    await page.getByRole("textbox", { name: "Reply to Ana Souza" }).fill("");
  });

  test("30 h: the composer switches to human agent and asks once to confirm the reply is written by a person", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Jonas Müller");
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");
    await expect(composer(page)).toContainText(/Human agent reply · HUMAN_AGENT tag · 5 d 1\d h left/);
    const box = page.getByRole("textbox", { name: "Human agent reply to Jonas Müller" });
    await box.fill("Hallo Jonas, Größe L ist da.");
    await expect(composer(page).getByRole("button", { name: "Send as human agent" })).toBeEnabled();
    await box.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Send as a human agent?" });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText("HUMAN_AGENT tag");
    await shot(page, "composer-human-agent-confirmation");
    await expectNoSeriousViolations(page, "human agent confirmation dialog");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    // Nothing was sent: the text is still there.
    await expect(box).toHaveValue("Hallo Jonas, Größe L ist da.");
    await box.fill("");
    await shot(page, "composer-human-agent");
  });

  test("8 days: the composer is closed, says why and what the business can still do; notes still work", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Samuel Okafor", "closed");
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "blocked");
    await expect(composer(page)).toContainText("Reply window closed");
    await expect(composer(page)).toContainText("approved utility template or Marketing Messages");
    await expect(composer(page).getByRole("textbox")).toHaveCount(0);
    await expect(composer(page).getByRole("button", { name: /^Send/ })).toHaveCount(0);
    await shot(page, "composer-closed-8-days");
    await composer(page).getByRole("button", { name: "Private note" }).click();
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "note");
    await expect(composer(page).getByRole("textbox", { name: "Private note" })).toBeEditable();
  });

  test("counts Instagram's limit of 1,000 in UTF-8 bytes, as the server does", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Yuki Tanaka");
    const box = page.getByRole("textbox", { name: "Reply to Yuki Tanaka" });
    await box.fill("x".repeat(1001));
    await expect(composer(page)).toContainText("1,001 / 1,000 bytes");
    await expect(box).toHaveAttribute("aria-invalid", "true");
    await expect(composer(page).getByRole("button", { name: "Send" })).toBeDisabled();
    // 334 Japanese characters are 1,002 bytes: too long for Instagram although under 1,000 characters.
    await box.fill("日".repeat(334));
    await expect(composer(page)).toContainText("1,002 / 1,000 bytes");
    await expect(composer(page).getByRole("button", { name: "Send" })).toBeDisabled();
    await box.fill("日".repeat(333));
    await expect(composer(page)).toContainText("999 / 1,000 bytes");
    await expect(composer(page).getByRole("button", { name: "Send" })).toBeEnabled();
    await box.fill("");
  });
});

test.describe("work management", () => {
  test("assign, reassign, snooze, unsnooze, resolve, reopen, add a note, mark unread", async ({ page }) => {
    // Twenty steps of one agent's work, each waiting for the server: more than the default budget on a busy machine.
    test.slow();
    await signIn(page, DEMO.manager);
    await openConversation(page, "Lea Berg");
    const header = page.locator("header").filter({ has: page.getByRole("heading", { name: "Lea Berg" }) });
    const row = option(page, "Lea Berg");

    await header.getByRole("button", { name: "Assign to me" }).click();
    await expect(header.getByLabel("Assignee")).toHaveValue(/.+/);
    await expect(row).toContainText("You");
    await header.getByLabel("Assignee").selectOption({ label: "Sam Agent" });
    await expect(row).toContainText("Sam Agent");

    await header.getByRole("button", { name: "Snooze" }).click();
    const snooze = page.getByRole("dialog", { name: "Snooze conversation" });
    await expect(snooze.getByLabel("Until a time of your choice")).toBeVisible();
    await shot(page, "snooze-dialog");
    await expectNoSeriousViolations(page, "snooze dialog");
    await snooze.getByRole("button", { name: "In 1 hour" }).click();
    await expect(snooze).toBeHidden();
    await expect(header).toContainText("Snoozed until");
    await expect(row).toContainText("Snoozed");
    await header.getByRole("button", { name: "Unsnooze" }).click();
    await expect(header).not.toContainText("Snoozed until");

    await header.getByRole("button", { name: "Resolve" }).click();
    await expect(header).toContainText("Resolved");
    await expect(row).toHaveCount(0);
    await shot(page, "conversation-resolved");
    await header.getByRole("button", { name: "Reopen" }).click();
    await expect(header.getByRole("button", { name: "Resolve" })).toBeVisible();
    await expect(row).toBeVisible();

    await composer(page).getByRole("button", { name: "Private note" }).click();
    const note = `Called Lea back ${Date.now().toString(36)}`;
    await composer(page).getByRole("textbox", { name: "Private note" }).fill(note);
    await composer(page).getByRole("textbox", { name: "Private note" }).press("Enter");
    await expect(page.getByRole("log").getByText(note)).toBeVisible();
    await expect(page.getByRole("log").locator("[data-note-id]").filter({ hasText: note })).toContainText("Private note · Maya Manager");
    await shot(page, "conversation-note-added");

    await header.getByLabel("Assignee").selectOption("");
    await expect(row).toContainText("Unassigned");
    await header.getByRole("button", { name: "Mark unread" }).click();
    await expect(page).toHaveURL(/\/inbox\?/);
    await expect(row.getByText(/1\s*unread/)).toBeVisible();
  });
});

test.describe("keyboard", () => {
  test("j/k move, Enter opens, r replies, / searches, ? lists shortcuts, a assigns, e resolves — never while typing", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/inbox?folder=all");
    await expect(list(page)).toBeVisible();
    const first = list(page).getByRole("option").nth(0);
    const second = list(page).getByRole("option").nth(1);
    const firstId = (await first.getAttribute("id"))!;
    const secondId = (await second.getAttribute("id"))!;

    await page.keyboard.press("j");
    await expect(list(page)).toBeFocused();
    await expect(list(page)).toHaveAttribute("aria-activedescendant", firstId);
    await page.keyboard.press("j");
    await expect(list(page)).toHaveAttribute("aria-activedescendant", secondId);
    await page.keyboard.press("k");
    await expect(list(page)).toHaveAttribute("aria-activedescendant", firstId);
    await page.keyboard.press("Enter");
    const name = (await first.locator("span.truncate").first().textContent())!;
    await expect(page.getByRole("heading", { level: 2, name })).toBeFocused();
    await expect(first).toHaveAttribute("aria-selected", "true");

    await page.keyboard.press("r");
    const box = composer(page).getByRole("textbox");
    await expect(box).toBeFocused();
    await page.keyboard.type("jk/e");
    await expect(box).toHaveValue("jk/e");
    await box.fill("");

    await page.getByRole("heading", { level: 2, name }).focus();
    await page.keyboard.press("/");
    await expect(page.getByRole("searchbox")).toBeFocused();
    await page.keyboard.press("Escape");

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await expect(help.getByRole("row")).toHaveCount(9);
    await shot(page, "keyboard-shortcuts");
    await expectNoSeriousViolations(page, "shortcuts dialog");
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();

    // a and e on a conversation of its own, put back afterwards.
    await openConversation(page, "Hana Quinn");
    const header = page.locator("header").filter({ has: page.getByRole("heading", { name: "Hana Quinn" }) });
    await page.keyboard.press("a");
    await expect(header.getByLabel("Assignee")).toHaveValue(/.+/);
    await expect(header.getByRole("button", { name: "Assign to me" })).toHaveCount(0);
    await page.keyboard.press("e");
    await expect(header).toContainText("Resolved");
    await header.getByRole("button", { name: "Reopen" }).click();
    await expect(header.getByRole("button", { name: "Resolve" })).toBeVisible();
    await header.getByLabel("Assignee").selectOption("");
    await expect(header.getByRole("button", { name: "Assign to me" })).toBeVisible();
  });
});

test.describe("accessibility and layout", () => {
  test("axe finds no serious or critical violations in the inbox", async ({ page }) => {
    // Four full-page axe scans: CPU-bound, several seconds each on a busy 2-core machine.
    test.slow();
    await signIn(page, DEMO.manager);
    await page.goto("/inbox?folder=all");
    await expect(list(page)).toBeVisible();
    await expectNoSeriousViolations(page, "inbox without a conversation");
    await openConversation(page, "Ana Souza");
    await expectNoSeriousViolations(page, "inbox with a Messenger thread");
    await openConversation(page, "Jonas Müller");
    await expectNoSeriousViolations(page, "failed message, human agent composer");
    await openConversation(page, "Samuel Okafor", "closed");
    await expectNoSeriousViolations(page, "closed window");
  });

  test("works on a 1024 px laptop: the contact details open as a panel", async ({ page }) => {
    await page.setViewportSize({ width: 1024, height: 720 });
    await signIn(page, DEMO.alex);
    await openConversation(page, "Ana Souza");
    const details = page.getByRole("complementary", { name: "Contact details" });
    await expect(details).toBeHidden();
    await expect(page.getByRole("textbox", { name: "Reply to Ana Souza" })).toBeVisible();
    await expect(page.getByRole("log").getByText("could I switch it to size M?")).toBeVisible();
    await shot(page, "inbox-1024");
    await page.getByRole("button", { name: "Details" }).click();
    await expect(details).toBeVisible();
    await expect(details).toContainText("Page-scoped ID");
    await shot(page, "inbox-1024-details");
    await expectNoSeriousViolations(page, "1024 px with details");
    await details.getByRole("button", { name: "Close contact details" }).click();
    await expect(details).toBeHidden();
  });
});
