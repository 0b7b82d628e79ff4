// Review (issue #7) in the browser, on the demo data: the review week of scripts/demo/seed-review-scenario.ts
// on the "Northwind Outlet" channels, whose numbers are worked out in lib/reports/reports.int.test.ts.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";

async function reviewIds(api: APIRequestContext) {
  const response = await api.get("/api/review/conversations?limit=100");
  expect(response.status()).toBe(200);
  const { conversations } = (await response.json()) as { conversations: { id: string; contactName: string; channel: { id: string; name: string; platform: string } }[] };
  const yuki = conversations.find((c) => c.contactName === "Yuki Tanaka");
  const outletMessenger = conversations.find((c) => c.channel.name === "Northwind Outlet")?.channel.id;
  expect(yuki, "the demo seed has the review scenario").toBeTruthy();
  return { yukiId: yuki!.id, outletMessenger: outletMessenger! };
}

async function managerApi(playwright: { request: { newContext(o: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined, email: string = DEMO.manager) {
  const api = await playwright.request.newContext({ baseURL });
  await signInApi(api, email);
  return api;
}

async function expectForbiddenPage(page: Page) {
  await expect(page.getByRole("heading", { name: "This page is not available to your role" })).toBeVisible();
}

test.describe("review", () => {
  test("every review page has a main landmark and passes axe without serious issues", async ({ page, playwright, baseURL }) => {
    test.slow(); // five full axe scans
    const api = await managerApi(playwright, baseURL);
    const { yukiId } = await reviewIds(api);
    await api.dispose();
    await signIn(page, DEMO.manager);
    for (const path of ["/review", "/review?windowMissed=24h", `/review/conversations/${yukiId}`, "/review/reports", "/review/comments"]) {
      await page.goto(path);
      await expect(page.getByRole("main")).toHaveCount(1);
      await expect(page.getByRole("main").getByRole("heading", { name: "Review", exact: true })).toBeVisible();
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(" ")} ${n.any.map((c) => c.message).join(" ")}`).join(", ")}`), path).toEqual([]);
    }
  });

  test("a manager filters to window-missed threads, opens one, sees the timeline and reassigns it", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" }).click();
    await expect(page.getByRole("heading", { name: "Review", exact: true })).toBeVisible();

    const filters = page.getByRole("form", { name: "Review filters" });
    await filters.getByLabel("Window missed").selectOption("24h");
    await filters.getByLabel("Platform").selectOption("INSTAGRAM");
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/windowMissed=24h/);
    await expect(page).toHaveURL(/platform=INSTAGRAM/);
    const results = page.getByRole("list", { name: "Conversations" });
    await expect(results.getByRole("link", { name: /Yuki Tanaka/ })).toBeVisible();
    await expect(results.getByRole("link", { name: /Mateo García/ })).toBeVisible();
    // Léa was answered within 45 minutes: not a missed window.
    await expect(results.getByRole("link", { name: /Léa Dubois/ })).toHaveCount(0);
    await expect(results.getByRole("link", { name: /Yuki Tanaka/ })).toContainText("Missed 24 h window ×1");
    await page.screenshot({ path: test.info().outputPath("review-window-missed.png"), fullPage: true });

    // The URL is the state: reloading keeps the filters.
    await page.reload();
    await expect(page.getByLabel("Window missed")).toHaveValue("24h");

    await results.getByRole("link", { name: /Yuki Tanaka/ }).click();
    await expect(page).toHaveURL(/\/review\/conversations\/[0-9a-f-]{36}$/);
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline).toContainText(/assigned it to Alex Agent/);
    await expect(timeline).toContainText("サイズMは在庫ありますか？");
    await expect(timeline).toContainText("The 24-hour window lapsed without a reply");
    await expect(page.getByRole("complementary", { name: "Note by Alex Agent" })).toContainText("warehouse");
    const reply = timeline.getByRole("article", { name: "Reply from Alex Agent" });
    await expect(reply).toContainText("MESSAGE_TAG + HUMAN_AGENT");
    await expect(reply).toContainText(/2[456] h after the person's last message/);
    await expect(reply).toContainText("Window policy: Human agent reply");
    // Read-only: no composer.
    await expect(page.getByRole("textbox")).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("review-thread.png"), fullPage: true });

    // The one change review allows: reassigning (to whoever does not have it now, so reruns work).
    const select = page.getByLabel("Assignee");
    const next = (await select.inputValue()) === "" ? "Sam Agent" : (await select.locator("option:checked").textContent()) === "Sam Agent" ? "Alex Agent" : "Sam Agent";
    await select.selectOption({ label: next });
    await page.getByRole("button", { name: "Reassign" }).click();
    await expect(page.getByText("Assignee saved.")).toBeVisible();
    await expect(timeline.getByText(new RegExp(`Maya Manager reassigned it from .* to ${next}`)).last()).toBeVisible();
  });

  test("blocked attempts and Meta failures are explained in the timeline", async ({ page }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/review?blocked=1");
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Samuel Okafor/ }).first().click();
    const blocked = page.getByRole("article", { name: "Blocked send by Sam Agent" });
    await expect(blocked).toContainText("Send blocked: Reply window closed");
    await expect(blocked).toContainText("Deadline that passed:");
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText("The 7-day window closed without a reply");
    await page.screenshot({ path: test.info().outputPath("review-thread-blocked.png"), fullPage: true });

    await page.goto("/review?failed=1");
    await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /Priya Nair/ }).click();
    const failed = page.getByRole("list", { name: "Timeline" });
    await expect(failed).toContainText("can't receive messages from the Page");
    await expect(failed).toContainText("Meta error 551 · fbtrace_id AbCdEfReview551");
    await page.screenshot({ path: test.info().outputPath("review-thread-failed.png"), fullPage: true });
  });

  test("reports show the scenario's numbers and export the same numbers as CSV", async ({ page, playwright, baseURL }) => {
    const api = await managerApi(playwright, baseURL);
    const { outletMessenger } = await reviewIds(api);
    await signIn(page, DEMO.manager);
    await page.goto("/review/reports");
    const form = page.getByRole("form", { name: "Report filters" });
    await form.getByLabel("Channel").selectOption(outletMessenger);
    await form.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`channelId=${outletMessenger}`));

    // Northwind Outlet on Messenger, the review week (Ana, Jonas, Priya, Noah, Samuel):
    const outcomes = page.getByRole("region", { name: "Replies and missed windows" });
    await expect(outcomes.getByRole("definition")).toHaveText(["7", "0", "0", "1"]);
    const first = page.getByRole("region", { name: "First-response time" });
    // Team [10, 15, 20, 60 min]: median 17.5 min, p90 48 min.
    await expect(first.getByRole("img", { name: /Whole team: median 17.5 min, p90 48 min over 4 answered waits/ })).toBeVisible();
    await first.getByText("Show the numbers as a table").click();
    // Alex [10, 15, 20 min]: median 15 min, p90 at 1.8 → 19 min; Sam: Jonas, 60 min.
    await expect(first.getByRole("row", { name: /Alex Agent/ }).getByRole("cell")).toHaveText(["By agent", "3", "15 min", "19 min"]);
    await expect(first.getByRole("row", { name: /Sam Agent/ }).getByRole("cell")).toHaveText(["By agent", "1", "1 h", "1 h"]);
    const handled = page.getByRole("region", { name: "Conversations handled" });
    await expect(handled.getByRole("img", { name: /handled 4 conversations/ })).toBeVisible();
    const hourly = page.getByRole("region", { name: "Volume by hour of day" });
    await expect(hourly.getByRole("img", { name: /6 messages from people; the busiest hour was 08:00 with 2/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("review-reports.png"), fullPage: true });

    const csvHref = await first.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
    expect(csvHref).toMatch(/^\/api\/review\/reports\/first-response-time\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&channelId=/);
    const csv = await page.request.get(csvHref!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers()["content-disposition"]).toMatch(/^attachment; filename="first-response-time_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv"$/);
    const body = (await csv.body()).toString("utf8");
    expect(body.startsWith("\uFEFFbreakdown,id,name,platform,answered_waits,median_seconds,p90_seconds\r\n")).toBe(true);
    expect(body).toContain("\r\nteam,team,Whole team,,4,1050,2880\r\n");
    await api.dispose();
  });

  test("bad filter values are explained, not a crash", async ({ page, playwright, baseURL }) => {
    await signIn(page, DEMO.manager);
    await page.goto("/review?status=DONE&from=2026-02-30&windowMissed=3d");
    // (Next's route announcer is an empty alert too.)
    const alert = page.getByRole("alert").filter({ hasText: "not valid" });
    await expect(alert).toContainText("Status: choose Open, Pending, Snoozed or Resolved.");
    await expect(alert).toContainText("From: use a date written YYYY-MM-DD");
    await expect(alert).toContainText("Window missed: choose 24h or 7d.");
    await page.screenshot({ path: test.info().outputPath("review-bad-filters.png") });
    await page.goto("/review/reports?from=2026-11-07&to=2026-11-01");
    await expect(page.getByRole("alert").filter({ hasText: "not valid" })).toContainText("To must be on or after From.");

    const api = await managerApi(playwright, baseURL);
    const bad = await api.get("/api/review/conversations?status=DONE&limit=500");
    expect(bad.status()).toBe(400);
    const body = (await bad.json()) as { error: { code: string; details: { fields: Record<string, string[]> } } };
    expect(body.error.code).toBe("invalid_request");
    expect(Object.keys(body.error.details.fields).sort()).toEqual(["limit", "status"]);
    expect((await api.get("/api/review/reports/nope.csv")).status()).toBe(404);
    expect((await api.get("/api/review/reports?platform=TWITTER")).status()).toBe(400);
    await api.dispose();
  });
});

test.describe("review access", () => {
  const PAGES = ["/review", "/review/reports", "/review/conversations/:id"];
  const APIS = ["/api/review/conversations", "/api/review/conversations/:id", "/api/review/reports", "/api/review/reports/reply-time.csv"];
  let yukiId = "";
  const url = (path: string) => path.replace(":id", yukiId);

  test.beforeEach(async ({ playwright, baseURL }) => {
    if (yukiId) return;
    const api = await managerApi(playwright, baseURL);
    yukiId = (await reviewIds(api)).yukiId;
    await api.dispose();
  });

  test("signed out: pages go to the login, the API answers 401", async ({ page, request }) => {
    for (const path of APIS) {
      const response = await request.get(url(path));
      expect(response.status(), path).toBe(401);
    }
    expect((await request.put(url("/api/review/conversations/:id/assignee"), { data: { assigneeId: null } })).status()).toBe(401);
    for (const path of PAGES) {
      await page.goto(url(path));
      await expect(page, path).toHaveURL(/\/login\?callbackUrl=/);
    }
  });

  test("an agent gets 403 on every review page and API, and sees no Review link", async ({ page, playwright, baseURL }) => {
    const api = await managerApi(playwright, baseURL, DEMO.alex);
    for (const path of APIS) {
      const response = await api.get(url(path));
      expect(response.status(), path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    expect((await api.put(url("/api/review/conversations/:id/assignee"), { data: { assigneeId: null } })).status()).toBe(403);
    await api.dispose();
    await signIn(page, DEMO.alex);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Review" })).toHaveCount(0);
    for (const path of PAGES) {
      await page.goto(url(path));
      await expectForbiddenPage(page);
    }
    await page.screenshot({ path: test.info().outputPath("review-agent-403.png") });
  });

  for (const who of ["manager", "admin"] as const) {
    test(`a${who === "admin" ? "n" : ""} ${who} gets 200 on every review page and API`, async ({ page, playwright, baseURL }) => {
      const api = await managerApi(playwright, baseURL, DEMO[who]);
      for (const path of APIS) expect((await api.get(url(path))).status(), path).toBe(200);
      await api.dispose();
      await signIn(page, DEMO[who]);
      for (const path of PAGES) {
        const response = await page.goto(url(path));
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { name: "Review", exact: true })).toBeVisible();
      }
    });
  }
});
