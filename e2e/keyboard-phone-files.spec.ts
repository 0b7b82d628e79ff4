// Keyboard flow, phones and files (issue 10 §6): Esc leaves the composer with the draft kept, `e` resolves and
// moves on, a skip link and roving focus keep the Tab path short; below 640 px one pane at a time; files
// dropped or pasted into the composer; images open in a viewer. Against the demo data; what a test changes
// it puts back.
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const option = (page: Page, name: string) => list(page).getByRole("option", { name: new RegExp(name) });
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });

async function openConversation(page: Page, name: string, folder = "all") {
  await page.goto(`/inbox?folder=${folder}&q=${encodeURIComponent(name)}`);
  await option(page, name).first().click();
  await expect(page.getByRole("heading", { level: 2, name })).toBeFocused();
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test.describe("keyboard", () => {
  test("Esc leaves the composer and keeps the draft; e resolves and opens the next conversation", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/inbox?folder=all");
    const first = list(page).getByRole("option").nth(0);
    const second = list(page).getByRole("option").nth(1);
    const firstName = (await first.locator("span.truncate").first().textContent())!;
    const secondName = (await second.locator("span.truncate").first().textContent())!;
    const secondId = (await second.getAttribute("data-conversation-id"))!;
    await first.click();
    const heading = page.getByRole("heading", { level: 2, name: firstName });
    await expect(heading).toBeFocused();

    await page.keyboard.press("r");
    const box = page.locator("form[data-composer-mode]").getByRole("textbox");
    await expect(box).toBeFocused();
    await page.keyboard.type("kept for later");
    await page.keyboard.press("Escape");
    await expect(heading).toBeFocused();
    await expect(box).toHaveValue("kept for later");

    // Single-key shortcuts work again at once: e resolves this one and opens the next.
    await page.keyboard.press("e");
    await expect(page.getByRole("heading", { level: 2, name: secondName })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/inbox/${secondId}`));

    // Put the first conversation back as it was (and its draft): it is in Resolved now.
    await openConversation(page, firstName, "resolved");
    const header = page.locator("header").filter({ has: page.getByRole("heading", { name: firstName }) });
    await expect(header).toContainText("Resolved");
    await header.getByRole("button", { name: "Reopen" }).click();
    await expect(header.getByRole("button", { name: "Resolve" })).toBeVisible();
    await expect(box).toHaveValue("kept for later");
    await box.fill("");
  });

  test("a skip link reaches the reply box; the per-message reply buttons are one Tab stop, moved with the arrows", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Ana Souza");
    const thread = page.getByRole("log", { name: "Messages with Ana Souza" });
    const replyButtons = thread.locator("button[data-reply-button]");
    await expect(replyButtons.first()).toBeAttached();
    expect(await replyButtons.count()).toBeGreaterThan(3);
    await expect(thread.locator("button[data-reply-button][tabindex='0']")).toHaveCount(1);

    // From the heading, Tab reaches the composer in a handful of stops, not one per message.
    const box = page.getByRole("textbox", { name: "Reply to Ana Souza" });
    let stops = 0;
    while (!(await box.evaluate((el) => el === document.activeElement)) && stops < 30) {
      await page.keyboard.press("Tab");
      stops++;
    }
    expect(stops).toBeLessThanOrEqual(12);

    // Roving focus: the newest reply button, then ↑ to the one before it.
    const roving = thread.locator("button[data-reply-button][tabindex='0']");
    await roving.focus();
    const before = await roving.getAttribute("aria-label");
    await page.keyboard.press("ArrowUp");
    await expect(thread.locator("button[data-reply-button][tabindex='0']")).toBeFocused();
    expect(await thread.locator("button[data-reply-button][tabindex='0']").getAttribute("aria-label")).not.toBe(before);

    // The skip link is the first stop after the list, and leads to the reply box.
    await list(page).focus();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to the reply box" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await shot(page, "skip-link");
    await page.keyboard.press("Enter");
    await expect(box).toBeFocused();
  });
});

test.describe("phones (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

  test("one pane at a time: list → thread → details, with back navigation and no sideways scrolling", async ({ page }) => {
    await signIn(page, DEMO.alex);
    await page.goto("/inbox");
    await expect(list(page)).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeHidden();
    const folder = page.getByRole("combobox", { name: "Folder" });
    await expect(folder).toBeVisible();
    await folder.selectOption("all");
    await expect(page).toHaveURL(/folder=all/);
    await expect(option(page, "Ana Souza")).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "phone-390-list");

    await option(page, "Ana Souza").click();
    await expect(page.getByRole("heading", { level: 2, name: "Ana Souza" })).toBeVisible();
    await expect(list(page)).toBeHidden();
    await expect(page.getByRole("textbox", { name: "Reply to Ana Souza" })).toBeVisible();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "phone-390-thread");

    await page.getByRole("button", { name: "Details" }).click();
    const details = page.getByRole("complementary", { name: "Contact details" });
    await expect(details).toBeVisible();
    expect((await details.boundingBox())!.width).toBeGreaterThan(380);
    await shot(page, "phone-390-details");
    await details.getByRole("button", { name: "Close contact details" }).click();
    await expect(details).toBeHidden();

    await page.getByRole("button", { name: "Back to the conversation list" }).click();
    await expect(list(page)).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Ana Souza" })).toHaveCount(0);
  });
});

test.describe("wide screens (1440 × 900)", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("folders, list, thread and details side by side", async ({ page }) => {
    await signIn(page, DEMO.alex);
    await openConversation(page, "Ana Souza");
    await expect(page.getByRole("navigation", { name: "Folders" })).toBeVisible();
    await expect(list(page)).toBeVisible();
    await expect(page.getByRole("complementary", { name: "Contact details" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Back to the conversation list" })).toBeHidden();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "wide-1440");
  });
});

test.describe("files and images", () => {
  test("files dropped on the composer or pasted into it are attached", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Ana Souza");
    const form = page.locator("form[data-composer-mode]");

    const dropped = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(["%PDF-1.4 order"], "order-4821.pdf", { type: "application/pdf" }));
      return data;
    });
    await form.dispatchEvent("dragover", { dataTransfer: dropped });
    await expect(form.getByText("Drop files to attach them")).toBeVisible();
    await shot(page, "composer-drop");
    await form.dispatchEvent("drop", { dataTransfer: dropped });
    await expect(form.getByText("order-4821.pdf")).toBeVisible();
    await expect(form.getByText("Drop files to attach them")).toBeHidden();

    const box = page.getByRole("textbox", { name: "Reply to Ana Souza" });
    await box.evaluate((el) => {
      const data = new DataTransfer();
      const png = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (c) => c.charCodeAt(0));
      data.items.add(new File([png], "screenshot.png", { type: "image/png" }));
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await expect(form.getByText("screenshot.png")).toBeVisible();
    await expect(box).toHaveValue("");

    // Nothing is sent: the files are removed again.
    for (const name of ["order-4821.pdf", "screenshot.png"]) {
      await form.getByRole("button", { name: new RegExp(`Remove ${name}`) }).click();
      await expect(form.getByText(name)).toHaveCount(0);
    }
  });

  test("an image of the thread opens larger in a viewer; Esc closes it", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await openConversation(page, "Ana Souza");
    const thread = page.getByRole("log", { name: "Messages with Ana Souza" });
    await thread.getByRole("button", { name: "Photo of the receipt" }).click();
    const viewer = page.getByRole("dialog", { name: "Photo of the receipt" });
    await expect(viewer).toBeVisible();
    await expect(viewer.getByRole("img", { name: "Photo of the receipt" })).toBeVisible();
    await shot(page, "image-viewer");
    await page.keyboard.press("Escape");
    await expect(viewer).toBeHidden();
  });
});
