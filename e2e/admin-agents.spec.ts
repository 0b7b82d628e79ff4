import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi, uniqueEmail } from "./support/auth";

const PASSWORD = "a-long-enough-password";

test.describe("team administration", () => {
  test("an admin adds an agent, who can sign in; deactivation ends their session on the next request", async ({ page, playwright, baseURL }) => {
    const email = uniqueEmail("agent");
    await signIn(page, DEMO.admin);
    await page.getByRole("link", { name: "Team" }).click();
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

    await row.getByRole("button", { name: "Deactivate" }).click();
    await expect(row).toContainText("Deactivated");
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
    await expect(page.getByRole("link", { name: "Team" })).toHaveCount(0);
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
});
