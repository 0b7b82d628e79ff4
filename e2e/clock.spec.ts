// The clock, the window and the words (issue 10 §4) and search (§5), on the demo data: one meaning of
// "closed" (a channel without the Human Agent feature closes at 24 h, in the folder, the row, the header and
// the composer alike), the composer's warning before the last possible reply, the snooze dialog measured
// against the window, a draft the window closes on saved as a private note, whose turn it is, search by
// username and without accents. Tests that switch the Human Agent feature off switch it back on.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signInApi } from "./support/auth";

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const option = (page: Page, name: string) => list(page).getByRole("option", { name: new RegExp(name) });
const composer = (page: Page) => page.locator("form[data-composer-mode]");
const header = (page: Page, name: string) => page.locator("header").filter({ has: page.getByRole("heading", { level: 2, name }) });
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

async function openConversation(page: Page, name: string, folder = "all") {
  await page.goto(`/inbox?folder=${folder}&q=${encodeURIComponent(name)}`);
  await option(page, name).first().click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeFocused();
}

// Signed in through the API (the page's request context shares its cookies): the form is tested elsewhere,
// and on a loaded machine its scrypt check can outlast the form test's 5 s wait.
test.slow();

let admin: APIRequestContext;
let messengerId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  const { channels } = (await (await admin.get("/api/admin/channels")).json()) as { channels: { id: string; name: string }[] };
  messengerId = channels.find((c) => c.name === "Northwind Outfitters")!.id;
});

test.afterAll(async () => {
  await admin.dispose();
});

async function setHumanAgent(enabled: boolean) {
  expect((await admin.patch(`/api/admin/channels/${messengerId}`, { data: { humanAgentEnabled: enabled } })).ok()).toBe(true);
}

test.describe("the clock and the window", () => {
  test("without the Human Agent feature, 24 h closes the window everywhere; the composer and snooze warn before it", async ({ page }) => {
    await signInApi(page.request, DEMO.manager);
    try {
      await setHumanAgent(false);
      // Jonas wrote 30 h ago: blocked now, so in Closed window with the same chip in the row and the header.
      await page.goto("/inbox?folder=closed");
      await expect(option(page, "Jonas Müller")).toContainText("Closed");
      await shot(page, "clock-closed-folder-without-human-agent");
      await option(page, "Jonas Müller").click();
      await expect(header(page, "Jonas Müller")).toContainText("Closed");
      await expect(composer(page)).toHaveAttribute("data-composer-mode", "blocked");
      await expect(composer(page)).toContainText("Human Agent feature missing");
      await shot(page, "clock-closed-without-human-agent");

      // Priya wrote 22 h ago: the last reply is possible for less than 2 h, and the composer says until when.
      await openConversation(page, "Priya Sharma");
      await expect(option(page, "Priya Sharma")).toContainText("Needs reply");
      const warning = composer(page).getByTestId("last-reply-warning");
      // The time alone when the window ends today, with its date when that is after midnight (as from 22:00 here).
      await expect(warning).toContainText(/After (\d{1,2} \w{3} \d{4}, )?\d\d:\d\d you cannot reply/);
      await expect(warning).toContainText("Europe/Berlin");
      await shot(page, "clock-last-reply-warning");

      await header(page, "Priya Sharma").getByRole("button", { name: "Snooze" }).click();
      const dialog = page.getByRole("dialog", { name: "Snooze conversation" });
      await expect(dialog.getByTestId("snooze-deadline")).toContainText("Last possible reply");
      await expect(dialog.getByTestId("snooze-deadline")).toContainText("Times in Europe/Berlin");
      const beforeClose = dialog.getByRole("button", { name: /1 h before the window closes/ });
      await expect(beforeClose).toBeVisible();
      await expect(beforeClose).not.toHaveAttribute("data-ends-after-close");
      for (const late of [/In 3 hours/, /Tomorrow, 09:00/, /Next Monday, 09:00/]) {
        await expect(dialog.getByRole("button", { name: late })).toContainText("after the window closes");
      }
      await expect(dialog.getByRole("button", { name: /In 1 hour/ })).not.toContainText("after the window closes");
      await shot(page, "clock-snooze-dialog-warns");
      await dialog.getByRole("button", { name: "Cancel" }).click();
    } finally {
      await setHumanAgent(true);
    }
    // With the feature back, Jonas leaves Closed window (30 h is a human agent reply again).
    await page.goto(`/inbox?folder=closed&q=${encodeURIComponent("Samuel Okafor")}`);
    await expect(option(page, "Samuel Okafor")).toContainText("Closed");
    await page.goto(`/inbox?folder=closed&q=${encodeURIComponent("Jonas Müller")}`);
    await expect(list(page).getByRole("option")).toHaveCount(0);
  });

  test("a draft the window closes on becomes a private note in one click", async ({ page }) => {
    await signInApi(page.request, DEMO.manager);
    await openConversation(page, "Omar Haddad", "resolved");
    await expect(composer(page)).toHaveAttribute("data-composer-mode", "human-agent");
    const draft = `Draft for Omar ${Date.now().toString(36)}: the replacement ships Monday.`;
    await page.getByRole("textbox", { name: "Human agent reply to Omar Haddad" }).fill(draft);
    try {
      // The feature is revoked while the composer is open: it closes at once, and the draft is kept.
      await setHumanAgent(false);
      await expect(composer(page)).toHaveAttribute("data-composer-mode", "blocked");
      const closedDraft = composer(page).getByTestId("closed-draft");
      await expect(closedDraft).toContainText(draft);
      await shot(page, "clock-closed-draft");
      await closedDraft.getByRole("button", { name: "Save as private note" }).click();
      await expect(closedDraft).toHaveCount(0);
      await expect(page.getByRole("log", { name: "Messages with Omar Haddad" })).toContainText(draft);
      await shot(page, "clock-draft-saved-as-note");
    } finally {
      await setHumanAgent(true);
    }
    // The draft is gone: it is a note now.
    await expect(page.getByRole("textbox", { name: "Human agent reply to Omar Haddad" })).toHaveValue("");
  });

  test("folder badges say what they count; Expiring soon keeps its badge while conversations are in it", async ({ page }) => {
    await signInApi(page.request, DEMO.manager);
    await page.goto("/inbox?folder=all");
    const folders = page.getByRole("navigation", { name: "Folders" });
    await expect(folders.getByRole("link", { name: /^Unassigned \d+ unread conversations?$/ })).toBeVisible();
    await expect(folders.getByRole("link", { name: /^Expiring soon \d+ conversations? whose reply window ends soon/ })).toBeVisible();
  });
});

test.describe("search", () => {
  test("finds Instagram usernames and ignores case and accents", async ({ page }) => {
    await signInApi(page.request, DEMO.manager);
    for (const [q, name] of [
      ["muller", "Jonas Müller"],
      ["MÜLLER", "Jonas Müller"],
      ["@yuki.tnk", "Yuki Tanaka"],
      ["yuki.t", "Yuki Tanaka"],
      ["tomas", "Tomás Ortiz"],
    ] as const) {
      await page.goto(`/inbox?folder=all&q=${encodeURIComponent(q)}`);
      await expect(option(page, name), q).toBeVisible();
    }
    await shot(page, "clock-search-accent-folded");
  });
});
