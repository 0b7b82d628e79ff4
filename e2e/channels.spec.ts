import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { allConversations, ensureSimulatorChannels, SIMULATOR_URL, simulatorChannels } from "./support/simulator";

test.describe("channels", () => {
  test("an admin connects the simulator's Pages with Facebook Login; the import fills the inbox", async ({ page, request, playwright, baseURL }) => {
    test.setTimeout(120_000);
    const simChannels = await simulatorChannels(request);
    await signIn(page, DEMO.admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Channels" }).click();
    await expect(page.getByRole("heading", { name: "Channels", level: 1 })).toBeVisible();

    await page.getByRole("button", { name: "Connect with Facebook" }).click();
    // Meta's (simulated) Login dialog.
    await expect(page.getByRole("heading", { name: /is requesting access/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("facebook-login-dialog.png") });
    await page.getByRole("button", { name: /^Continue as/ }).click();

    await expect(page).toHaveURL(/\/admin\/channels\?connected=3/);
    await expect(page.getByRole("status")).toContainText("Connected 3 channels");
    const cards = page.getByRole("list", { name: "Connected channels" }).getByRole("listitem");
    for (const channel of simChannels) {
      const platform = cards.filter({ has: page.getByText(channel.platform === "instagram" ? "Instagram" : "Messenger", { exact: true }) });
      await expect(platform.filter({ hasText: channel.platform === "instagram" ? `@${channel.username}` : `Page ${channel.id}` })).toHaveCount(1);
    }
    // Progress arrives live (channel.updated events) until every import is complete.
    await expect(page.getByText(/(Import|Re-sync) complete/)).toHaveCount(simChannels.length, { timeout: 60_000 });
    await expect(page.getByRole("progressbar").first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("channels-connected.png"), fullPage: true });

    // Every conversation of the simulator is in the inbox.
    const api = await playwright.request.newContext({ baseURL });
    await signInApi(api, DEMO.admin);
    const expected = simChannels.reduce((n, c) => n + c.conversationCount, 0);
    const conversations = await allConversations<{ channel: { name: string } }>(api);
    const fromSimulator = conversations.filter((c) => simChannels.some((s) => s.name === c.channel.name));
    expect(fromSimulator.length).toBeGreaterThanOrEqual(expected);
    await api.dispose();

    await page.getByRole("link", { name: "Conversations" }).click();
    await page.getByRole("combobox", { name: "Channel" }).selectOption({ label: "Maison Lumière · Messenger" });
    // The imported Page's conversations fill the list when filtered to it.
    await expect(page.getByRole("listbox", { name: /conversations/ }).getByRole("option")).not.toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath("inbox-filled.png"), fullPage: true });
  });

  test("the Human Agent toggle is saved; agents cannot reach channel administration", async ({ page, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await ensureSimulatorChannels(admin);
    await admin.dispose();
    await signIn(page, DEMO.admin);
    await page.goto("/admin/channels");
    const velo = page.getByRole("listitem").filter({ hasText: "Velo Rapido Bikes" });
    const toggle = velo.getByRole("switch", { name: /Human Agent feature/ });
    const before = await toggle.isChecked();
    await toggle.click();
    await expect(toggle).toBeChecked({ checked: !before });
    await page.reload();
    await expect(page.getByRole("listitem").filter({ hasText: "Velo Rapido Bikes" }).getByRole("switch", { name: /Human Agent feature/ })).toBeChecked({ checked: !before });

    const agent = await playwright.request.newContext({ baseURL });
    await signInApi(agent, DEMO.alex);
    expect((await agent.get("/api/admin/channels")).status()).toBe(403);
    expect((await agent.post("/api/admin/channels", { data: { pageToken: "x".repeat(40) } })).status()).toBe(403);
    await agent.dispose();
  });
});

test("an invalidated Page token shows \"Needs reconnect\"; Reconnect through Facebook Login restores the channel", async ({ page, playwright, baseURL, request }) => {
  test.setTimeout(90_000);
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  await ensureSimulatorChannels(admin);
  const velo = (await simulatorChannels(request)).find((c) => c.name === "Velo Rapido Bikes")!;
  expect((await request.post(`${SIMULATOR_URL}/__control/channels/${velo.id}/invalidate-token`)).ok()).toBe(true);

  await signIn(page, DEMO.admin);
  await page.goto("/admin/channels");
  const card = page.getByRole("listitem").filter({ hasText: "Velo Rapido Bikes" });
  await card.getByRole("button", { name: "Re-sync now" }).click();
  // Meta answers 190: the card turns to "Needs reconnect" live.
  await expect(card.getByText("Needs reconnect")).toBeVisible({ timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath("needs-reconnect.png"), fullPage: true });
  await card.getByRole("button", { name: "Reconnect" }).click();
  await page.getByRole("button", { name: /^Continue as/ }).click();
  await expect(page).toHaveURL(/\/admin\/channels\?connected=/);
  await expect(page.getByRole("listitem").filter({ hasText: "Velo Rapido Bikes" }).getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "Velo Rapido Bikes" }).getByText(/Re-sync complete/)).toBeVisible({ timeout: 30_000 });
  await admin.dispose();
});
