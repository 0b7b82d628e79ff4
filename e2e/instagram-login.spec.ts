// Instagram API with Instagram Login in the browser: an admin connects an Instagram account that has no Facebook
// Page through the simulator's Instagram window, its conversations are imported, and an agent replies to one of
// them — the reply reaching Meta through graph.instagram.com (POST /{ig-user-id}/messages with the Instagram token).
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO, signInApi } from "./support/auth";
import { simulatorControl } from "./support/simulator";

const composer = (page: Page) => page.locator("form[data-composer-mode]");
const ACCOUNT = { username: "atelier.nord", name: "Atelier Nord", withConversations: true };

test("an admin connects an Instagram account without a Page through Instagram's window; an agent replies", async ({ page, request, playwright, baseURL }) => {
  test.setTimeout(240_000);
  const { id: igAccountId } = await simulatorControl<{ id: string }>(request, "POST", "/instagram-login-accounts", ACCOUNT);

  // Signed in through the credentials endpoint with the page's own cookie jar (the login form is covered by
  // auth.spec.ts; on a loaded machine its 5-second redirect wait is the flakiest step of this test).
  await signInApi(page.request, DEMO.admin);
  await page.goto("/admin/channels");
  await page.getByRole("button", { name: "Connect with Instagram" }).click();
  // Instagram's (simulated) authorization window: one professional account, then Allow.
  await expect(page.getByRole("heading", { name: /access your Instagram account/ })).toBeVisible();
  await page.getByRole("radio", { name: /@atelier\.nord/ }).check();
  await page.screenshot({ path: test.info().outputPath("instagram-login-window.png") });
  await page.getByRole("button", { name: "Allow" }).click();

  await expect(page).toHaveURL(/\/admin\/channels\?connected=1/);
  await expect(page.getByRole("status")).toContainText("Connected 1 channel");
  const card = page.getByRole("list", { name: "Connected channels" }).getByRole("listitem").filter({ hasText: "Atelier Nord" });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`Instagram account ${igAccountId} · connected with Instagram`);
  await expect(card).toContainText(/Access valid until/);
  await expect(card.getByText(/(Import|Re-sync) complete/)).toBeVisible({ timeout: 60_000 });
  await expect(card.getByRole("button", { name: "Renew access now" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("instagram-login-connected.png"), fullPage: true });

  // The admin gives Alex the new channel; Alex answers a conversation inside the 24-hour window.
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  const { channels } = (await (await admin.get("/api/admin/channels")).json()) as { channels: { id: string; metaId: string; connection: string; tokenExpiresAt: string | null }[] };
  const channel = channels.find((c) => c.metaId === igAccountId)!;
  expect(channel).toMatchObject({ connection: "INSTAGRAM_LOGIN", tokenExpiresAt: expect.any(String) });
  const { agents } = (await (await admin.get("/api/admin/agents")).json()) as { agents: { id: string; email: string; channelIds: string[] }[] };
  const alex = agents.find((a) => a.email === DEMO.alex)!;
  expect((await admin.put(`/api/admin/agents/${alex.id}/channels`, { data: { channelIds: [...new Set([...alex.channelIds, channel.id])] } })).ok()).toBe(true);
  await admin.dispose();

  const agent = await playwright.request.newContext({ baseURL });
  await signInApi(agent, DEMO.alex);
  const listed = (await (await agent.get(`/api/conversations?folder=all&channelId=${channel.id}&limit=100`)).json()) as { conversations: { id: string; metaThreadId?: string | null; lastInboundAt: string | null }[] };
  await agent.dispose();
  const open = listed.conversations.find((c) => c.lastInboundAt && Date.now() - Date.parse(c.lastInboundAt) < 20 * 3_600_000)!;
  expect(open).toBeTruthy();
  await page.context().clearCookies();
  await signInApi(page.request, DEMO.alex);
  await page.goto(`/inbox/${open.id}?folder=all&channel=${channel.id}`);
  await expect(composer(page)).toHaveAttribute("data-composer-mode", "standard");
  const reply = `Merci ! Your order ships tomorrow. ${randomUUID().slice(0, 6)}`;
  await composer(page).getByRole("textbox").fill(reply);
  await composer(page).getByRole("textbox").press("Enter");
  await expect(page.getByRole("log").getByText(reply)).toBeVisible();

  let sent: { path: string; objectId: string; status: number; request: { messaging_type?: string } } | undefined;
  await expect
    .poll(async () => {
      const { data } = await simulatorControl<{ data: { path: string; objectId: string; status: number; request: { messaging_type?: string; message?: { text?: string } } }[] }>(request, "GET", "/send-log?limit=200");
      sent = data.find((e) => e.request.message?.text === reply);
      return Boolean(sent);
    })
    .toBe(true);
  expect(sent).toMatchObject({ path: `/${igAccountId}/messages`, objectId: igAccountId, status: 200, request: { messaging_type: "RESPONSE" } });
  // The customer's thread at Meta holds it.
  const { data: threads } = await simulatorControl<{ data: { id: string }[] }>(request, "GET", `/conversations?channelId=${igAccountId}&limit=100`);
  const texts = await Promise.all(threads.map(async (t) => (await simulatorControl<{ messages: { text: string | null }[] }>(request, "GET", `/conversations/${t.id}`)).messages.map((m) => m.text)));
  expect(texts.flat()).toContain(reply);
  await page.screenshot({ path: test.info().outputPath("instagram-login-reply.png") });
});
