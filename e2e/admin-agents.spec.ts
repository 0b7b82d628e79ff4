import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi, uniqueEmail } from "./support/auth";

const PASSWORD = "a-long-enough-password";

test.describe("team administration", () => {
  test("an admin adds an agent, who can sign in; deactivation, once confirmed, ends their session and their open page says why", async ({ page, playwright, baseURL, browser }) => {
    const email = uniqueEmail("agent");
    await signIn(page, DEMO.admin);
    // Settings opens on the team for admins.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await expect(page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Team" })).toHaveAttribute("aria-current", "page");
    await page.getByRole("button", { name: "Add agent" }).click();
    const form = page.getByRole("form", { name: "Add agent" });
    await form.getByLabel("Name").fill("Robin Newhire");
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Initial password").fill(PASSWORD);
    await form.getByRole("checkbox", { name: /Northwind Outfitters/ }).first().check();
    await form.getByRole("button", { name: "Add agent" }).click();
    const row = page.getByRole("row", { name: /Robin Newhire/ });
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Northwind Outfitters");
    await page.screenshot({ path: test.info().outputPath("team-after-add.png"), fullPage: true });

    const agent = await playwright.request.newContext({ baseURL });
    await signInApi(agent, email, PASSWORD);
    expect((await agent.get("/api/conversations")).status()).toBe(200);

    // The agent has the inbox open in their own browser.
    const agentBrowser = await browser.newContext();
    const agentPage = await agentBrowser.newPage();
    await signIn(agentPage, email, PASSWORD);
    await expect(agentPage.getByText("Live updates")).toBeVisible();

    await row.getByRole("button", { name: "Deactivate" }).click();
    const confirm = page.getByRole("dialog", { name: "Deactivate Robin Newhire?" });
    await expect(confirm).toContainText("signed out at once on every device");
    await page.screenshot({ path: test.info().outputPath("team-deactivate-confirm.png") });
    // Cancel changes nothing.
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: "Deactivate" }).click();
    await confirm.getByRole("button", { name: "Deactivate Robin Newhire" }).click();
    await expect(row).toContainText("Deactivated");
    // The open page leaves at once and explains.
    await expect(agentPage).toHaveURL(/\/login\?reason=deactivated/);
    await expect(agentPage.getByRole("status")).toContainText("an admin deactivated your account");
    await agentPage.screenshot({ path: test.info().outputPath("deactivated-agent-signed-out.png") });
    await agentBrowser.close();
    expect((await agent.get("/api/conversations")).status()).toBe(401);
    // …and a deactivated agent cannot sign in again.
    expect(await signInApi(agent, email, PASSWORD)).toContain("error=CredentialsSignin");
    await agent.dispose();
  });

  test("a role change applies on the agent's next request", async ({ page, playwright, baseURL }) => {
    const email = uniqueEmail("promoted");
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    const created = await admin.post("/api/admin/agents", {
      data: { name: "Pat Promoted", email, role: "AGENT", password: PASSWORD, channelIds: [] },
    });
    expect(created.status()).toBe(201);
    const { agent: newAgent } = (await created.json()) as { agent: { id: string } };

    await signIn(page, email, PASSWORD);
    await page.goto("/admin/agents");
    await expect(page.getByRole("heading", { name: "This page is not available to your role" })).toBeVisible();

    expect((await admin.patch(`/api/admin/agents/${newAgent.id}`, { data: { role: "ADMIN" } })).status()).toBe(200);
    // The old session was minted for the old role: the next request sends the agent to sign in again…
    await page.goto("/admin/agents");
    await expect(page).toHaveURL(/\/login/);
    // …and the new session carries the new role.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { name: "Team" })).toBeVisible();
    await admin.dispose();
  });

  test("agents and managers cannot reach team administration", async ({ page, playwright, baseURL }) => {
    for (const email of [DEMO.alex, DEMO.manager]) {
      const api = await playwright.request.newContext({ baseURL });
      await signInApi(api, email);
      expect((await api.get("/api/admin/agents")).status()).toBe(403);
      expect(
        (await api.post("/api/admin/agents", { data: { name: "x", email: uniqueEmail("x"), role: "ADMIN", password: PASSWORD } })).status(),
      ).toBe(403);
      await api.dispose();
    }
    await signIn(page, DEMO.alex);
    await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
    await page.goto("/admin/agents");
    await expect(page.getByRole("heading", { name: "This page is not available to your role" })).toBeVisible();
  });

  test("bad input is refused with field errors and creates nothing", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    const before = ((await (await admin.get("/api/admin/agents")).json()) as { agents: unknown[] }).agents.length;
    const response = await admin.post("/api/admin/agents", { data: { name: "", email: "nope", role: "OWNER", password: "short" } });
    expect(response.status()).toBe(400);
    const body = (await response.json()) as { error: { code: string; details: { fields: Record<string, string[]> } } };
    expect(body.error.code).toBe("invalid_request");
    expect(Object.keys(body.error.details.fields).sort()).toEqual(["email", "name", "password", "role"]);
    const duplicate = await admin.post("/api/admin/agents", { data: { name: "Dup", email: DEMO.alex, role: "AGENT", password: PASSWORD } });
    expect(duplicate.status()).toBe(409);
    const after = ((await (await admin.get("/api/admin/agents")).json()) as { agents: unknown[] }).agents.length;
    expect(after).toBe(before);
    await admin.dispose();
  });

  test("/admin leads to the team; channel chips name their platform; the role select shows whole roles", async ({ page }) => {
    await signIn(page, DEMO.admin);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/agents$/);
    const alex = page.getByRole("row", { name: /alex@northwind\.test/ });
    await expect(alex).toContainText(/Northwind Outfitters · Messenger/);
    await expect(alex).toContainText(/· Instagram/);
    const role = alex.getByLabel(/^Role of/);
    // Every role's name fits the control between its padding (the right padding leaves room for the arrow).
    const fits = await role.evaluate((el: HTMLSelectElement) => {
      const style = getComputedStyle(el);
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = Math.max(...[...el.options].map((o) => context.measureText(o.text).width));
      return el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) >= longest;
    });
    expect(fits).toBe(true);
    await expect(role).toHaveValue("AGENT");
  });

  test("a channel newly assigned to an agent appears in their open inbox without a reload", async ({ page, playwright, baseURL, browser }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    const { channels } = (await (await admin.get("/api/admin/channels")).json()) as { channels: { id: string; name: string; platform: string }[] };
    const outfitters = channels.find((c) => c.name === "Northwind Outfitters" && c.platform === "MESSENGER")!;
    const email = uniqueEmail("newchannel");
    const created = await admin.post("/api/admin/agents", { data: { name: "Casey Channelless", email, role: "AGENT", password: PASSWORD, channelIds: [] } });
    expect(created.status()).toBe(201);
    const { agent } = (await created.json()) as { agent: { id: string } };

    const agentBrowser = await browser.newContext();
    const agentPage = await agentBrowser.newPage();
    await signIn(agentPage, email, PASSWORD);
    await agentPage.goto("/inbox?folder=all");
    const list = agentPage.getByRole("listbox", { name: /conversations/ });
    await expect(agentPage.getByText("Live updates")).toBeVisible();
    await expect(list.getByRole("option")).toHaveCount(0);

    expect((await admin.put(`/api/admin/agents/${agent.id}/channels`, { data: { channelIds: [outfitters.id] } })).status()).toBe(200);
    await expect(list.getByRole("option").first()).toBeVisible({ timeout: 10_000 });
    await expect(list.getByRole("option").filter({ hasText: "Ana Souza" })).toHaveCount(1);
    await agentBrowser.close();
    await admin.dispose();
    void page;
  });
});
