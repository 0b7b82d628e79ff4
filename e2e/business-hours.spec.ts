// Business hours and the window as an SLA (issue 14 §4), on the demo data: an admin sets the hours on
// /admin/business-hours (a field error first, then a week that keeps the team closed for days), and a
// conversation whose reply window ends before the team reopens is flagged in its row, in the "Closes
// before we reopen" folder and in the thread header. The demo's hours are put back afterwards.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signInApi } from "./support/auth";

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });
const option = (page: Page, name: string) => list(page).getByRole("option", { name: new RegExp(name) });
const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`) });
const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

test.slow();

let admin: APIRequestContext;
let demoHours: unknown;

test.beforeAll(async ({ playwright, baseURL }) => {
  admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  demoHours = ((await (await admin.get("/api/admin/business-hours")).json()) as { businessHours: unknown }).businessHours;
});

test.afterAll(async () => {
  const { weekly, holidays, slaFirstResponseMinutes, slaNextResponseMinutes, autoReply } = demoHours as Record<string, unknown>;
  await admin.put("/api/admin/business-hours", { data: { weekly, holidays, slaFirstResponseMinutes, slaNextResponseMinutes, autoReply } });
  await admin.dispose();
});

test("an admin sets the hours; a conversation whose window ends before the team reopens is flagged", async ({ page }) => {
  await signInApi(page.request, DEMO.admin);
  await page.goto("/admin/business-hours");
  await expect(page.getByRole("heading", { level: 1, name: "Business hours" })).toBeVisible();

  // Remove the demo's week, then one day only: three days from today in the account's zone, so the team is
  // closed now and for the next two days.
  const form = page.getByRole("form", { name: "Business hours" });
  const rows = form.getByRole("list", { name: "Opening hours" });
  while ((await rows.getByRole("button", { name: /^Remove / }).count()) > 0) await rows.getByRole("button", { name: /^Remove / }).first().click();
  const today = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Berlin", weekday: "long" }).format(new Date());
  const openDay = DAY_NAMES[(DAY_NAMES.indexOf(today) + 3) % 7]!;
  await page.getByRole("button", { name: "Add hours" }).click();
  await rows.getByLabel("Day", { exact: true }).selectOption({ label: openDay });

  // A closing time before the opening time is refused with the field's message.
  await rows.getByLabel(/^Closes/).fill("08:00");
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(rows).toContainText("The closing time must be after the opening time");
  await rows.getByLabel(/^Closes/).fill("18:00");
  await form.getByLabel("First response").fill("30");
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(form.getByRole("alert")).toHaveText("Saved.");
  await expect(form.getByRole("status")).toContainText("Closed now; opens");
  await shot(page, "business-hours-admin");

  // Priya wrote 22 h ago and waits for a reply: her window ends in under 2 hours, long before the reopening.
  await page.goto("/inbox?folder=closing");
  await expect(option(page, "Priya Sharma")).toBeVisible();
  await expect(option(page, "Priya Sharma").getByTestId("window-before-reopen")).toContainText(/^by \w{3} \d{2}:\d{2}/);
  await shot(page, "business-hours-closing-folder");
  await option(page, "Priya Sharma").click();
  const header = page.locator("header").filter({ has: page.getByRole("heading", { level: 2, name: "Priya Sharma" }) });
  await expect(header.getByTestId("window-before-reopen")).toContainText(/Answer before you close: window ends \w{3} \d{2}:\d{2}/);
  // Her first response is long overdue against a 30-minute target.
  await expect(header.getByTestId("sla-status")).toContainText("First response");
  await shot(page, "business-hours-thread-header");
});
