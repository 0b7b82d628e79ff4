// Connection health as an admin sees it, against the Meta simulator: Meta restricts a Page (a reply refused
// with 10/1893063) → the bell in the header counts the admin's unread notice, live, and says how many channels
// need attention; the notice leads to the channel's health page (restricted by Meta, the failure by code, the
// token and permissions Meta reports, webhook fields); marking read clears the count. Screenshots in
// test-results/e2e/.
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { ensureSimulatorChannels, simulatorControl as control } from "./support/simulator";

type SimChannel = { id: string; platform: "messenger" | "instagram"; name: string };
type AdminChannel = { id: string; metaId: string; name: string; restrictedAt: string | null; lastWebhookAt: string | null; deliveryGaps: { count: number; lastAt: string | null } };

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(name) });
const bell = (page: Page) => page.getByRole("button", { name: /^Notifications/ });

test.describe("connection health", () => {
  let admin: APIRequestContext;
  let pages: SimChannel[];
  test.beforeAll(async ({ playwright, baseURL }) => {
    admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await ensureSimulatorChannels(admin);
    pages = (await control<{ data: SimChannel[] }>(admin, "GET", "/channels")).data.filter((c) => c.platform === "messenger");
    // Earlier specs may have left notices: start from none unread.
    expect((await admin.post("/api/admin/notifications/read", { data: { all: true } })).ok()).toBe(true);
  });
  test.afterAll(async () => {
    await control(admin, "DELETE", "/faults");
    await admin.dispose();
  });

  const adminChannel = async (metaId: string) => ((await (await admin.get("/api/admin/channels")).json()) as { channels: AdminChannel[] }).channels.find((c) => c.metaId === metaId)!;

  /** A new person writes to the Page; returns our conversation id once the webhook brought it. */
  async function conversationOn(page: SimChannel): Promise<string> {
    const name = `Health ${randomUUID().slice(0, 8)}`;
    await control(admin, "POST", "/customer/message", { channelId: page.id, newContact: { name }, text: "Is my order shipped?" });
    let id: string | undefined;
    await expect
      .poll(async () => {
        const body = (await (await admin.get(`/api/conversations?folder=all&q=${encodeURIComponent(name)}`)).json()) as { conversations: { id: string }[] };
        id = body.conversations[0]?.id;
        return id;
      }, { timeout: 15_000 })
      .toBeTruthy();
    return id!;
  }

  async function reply(conversationId: string, text: string) {
    const response = await admin.post(`/api/conversations/${conversationId}/messages`, { headers: { "Idempotency-Key": randomUUID() }, data: { text } });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { message: { sendStatus: string; error: { message: string } | null } }).message;
  }

  const restrictNextSend = (page: SimChannel) =>
    control(admin, "POST", "/faults/scripted", { endpoint: "send", objectId: page.id, effect: "error", error: { code: 10, subcode: 1893063, message: "(#10) This Page is restricted from messaging." } });

  test("a Page restricted by Meta reaches the admin's bell live and its health page", async ({ page }) => {
    test.setTimeout(180_000);
    const [first, second] = pages as [SimChannel, SimChannel];
    const firstConversation = await conversationOn(first);
    const secondConversation = await conversationOn(second);
    // The webhooks that brought them are recorded on the channel.
    expect((await adminChannel(first.id)).lastWebhookAt).not.toBeNull();

    await restrictNextSend(first);
    const refused = await reply(firstConversation, "Your order ships today.");
    expect(refused.sendStatus).toBe("FAILED");
    expect(refused.error?.message).toMatch(/admins have been notified/);
    expect((await adminChannel(first.id)).restrictedAt).not.toBeNull();

    await signIn(page, DEMO.admin);
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread", { timeout: 15_000 });
    await expect(page.locator("[data-attention-summary]")).toContainText(/channels? needs? attention/);

    // A second Page is restricted while the admin looks: the count moves without a reload.
    await restrictNextSend(second);
    expect((await reply(secondConversation, "Your order ships tomorrow.")).sendStatus).toBe("FAILED");
    await expect(bell(page)).toHaveAccessibleName("Notifications, 2 unread", { timeout: 15_000 });
    await shot(page, "health-bell-count.png");

    await bell(page).click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    const notice = panel.getByRole("button", { name: new RegExp(`${(await adminChannel(first.id)).name} \\(Messenger\\) is restricted by Meta`) });
    await expect(notice).toBeVisible();
    await shot(page, "health-bell-open.png");
    await notice.click();

    await expect(page).toHaveURL(new RegExp(`/admin/channels/${(await adminChannel(first.id)).id}/health`), { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Health of");
    await expect(page.locator("[data-attention]")).toHaveAttribute("data-attention", /restricted/);
    const restrictions = page.getByRole("region", { name: "Restrictions by Meta" });
    await expect(restrictions).toContainText("Restricted by Meta since");
    const failures = page.getByRole("region", { name: /Send failures/ });
    await expect(failures.locator("[data-send-failures]")).toContainText("10/1893063");
    await expect(failures).toContainText("page restricted");
    const token = page.getByRole("region", { name: "Access token" });
    await expect(token).toContainText("Page token");
    await expect(token).toContainText("never");
    await expect(page.getByRole("region", { name: "Permissions" }).getByText("granted", { exact: true })).toHaveCount(3);
    await expect(page.getByRole("region", { name: "Webhooks" }).locator("[data-webhook-fields]")).toContainText("messages");
    await shot(page, "health-page.png");
    // Opening the notice read it: one left.
    await expect(bell(page)).toHaveAccessibleName("Notifications, 1 unread", { timeout: 15_000 });

    await bell(page).click();
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(bell(page)).toHaveAccessibleName("Notifications", { timeout: 15_000 });

    // Meta lifts the restrictions: the next replies go through and the channels are healthy again.
    expect((await reply(firstConversation, "Shipped!")).sendStatus).toBe("SENT");
    expect((await reply(secondConversation, "Shipped too!")).sendStatus).toBe("SENT");
    expect((await adminChannel(first.id)).restrictedAt).toBeNull();
    expect((await adminChannel(second.id)).restrictedAt).toBeNull();
  });
});
