// Satisfaction survey with the Meta simulator: an admin turns it on, an agent resolves a conversation, the
// feedback template reaches Meta as RESPONSE (no tag), the person rates it on the simulator, and the rating
// shows in the thread, the contact panel and the CSAT report. The survey is switched off again afterwards
// (other live specs resolve conversations too).
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { connectedMessengerPage, simulatorControl as control, type SimChannel } from "./support/simulator";

type SendLogEntry = { id: number; request: { recipient?: { id?: string }; messaging_type?: string; tag?: string; message?: { attachment?: { type?: string; payload?: { template_type?: string } } } } };
type CsatRow = { dimension: string; ratings: number; average: number | null };

const list = (page: Page) => page.getByRole("listbox", { name: /conversations/ });

test.describe("satisfaction survey (live)", () => {
  let channel: SimChannel;
  test.beforeAll(async ({ playwright, baseURL }) => {
    channel = await connectedMessengerPage(playwright, baseURL);
  });
  test.afterAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await admin.put("/api/admin/csat", { data: { enabled: false, question: "How did we do today?", privacyUrl: "https://northwind.example/privacy" } });
    await admin.dispose();
  });

  async function surveySentTo(request: APIRequestContext, contactId: string): Promise<SendLogEntry> {
    let entry: SendLogEntry | undefined;
    await expect
      .poll(async () => {
        const { data } = await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=500");
        entry = data.find((e) => e.request.recipient?.id === contactId && e.request.message?.attachment?.payload?.template_type === "customer_feedback");
        return Boolean(entry);
      }, { timeout: 15_000 })
      .toBe(true);
    return entry!;
  }

  test("resolve → survey → the customer rates on the simulator → 'Rated 4/5' in the thread and the report", async ({ page, request }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/admin/csat");
    await page.getByLabel("Ask for a rating when a conversation is resolved").check();
    await page.getByLabel("Question").fill("How did we do today?");
    await page.getByLabel("Privacy policy address").fill("https://northwind.example/privacy");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toHaveText(/resolving a conversation now asks for a rating/);
    await page.screenshot({ path: test.info().outputPath("csat-admin.png") });

    const name = `Csat ${randomUUID().slice(0, 8)}`;
    const sent = await control<{ contactId: string }>(request, "POST", "/customer/message", { channelId: channel.id, newContact: { name }, text: "My parcel arrived, thanks!" });
    await expect
      .poll(async () => ((await (await page.request.get(`/api/conversations?folder=all&q=${encodeURIComponent(name)}`)).json()) as { conversations: unknown[] }).conversations.length, { timeout: 15_000 })
      .toBe(1);
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(name)}`);
    await list(page).getByRole("option", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
    await page.getByRole("button", { name: "Resolve", exact: true }).click();

    const survey = await surveySentTo(request, sent.contactId);
    expect(survey.request.messaging_type).toBe("RESPONSE");
    expect(survey.request.tag).toBeUndefined();

    await control(request, "POST", "/customer/feedback", { channelId: channel.id, contactId: sent.contactId, score: 4, comment: "Lovely service" });
    await page.goto(`/inbox?folder=resolved&q=${encodeURIComponent(name)}`);
    await list(page).getByRole("option", { name: new RegExp(name) }).click();
    const thread = page.getByRole("log");
    await expect(thread.getByText("Rated 4/5")).toBeVisible({ timeout: 15_000 });
    await expect(thread.getByText("“Lovely service”")).toBeVisible();
    await expect(thread.getByText("How did we do today?")).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("csat-thread.png") });

    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
    const reports = (await (await page.request.get(`/api/review/reports?from=${today}&to=${today}`)).json()) as { reports: { csat: CsatRow[] } };
    expect(reports.reports.csat.find((r) => r.dimension === "team")!.ratings).toBeGreaterThanOrEqual(1);
    await page.goto(`/review/reports?from=${today}&to=${today}`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Customer satisfaction (CSAT)" }) }).first();
    await expect(section).toBeVisible();
    await expect(section.getByText("No ratings in this range")).toHaveCount(0);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath("csat-report.png"), fullPage: true });
    const csv = await page.request.get(`/api/review/reports/csat.csv?from=${today}&to=${today}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain("satisfied_percent");
  });
});
