import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";

test.describe("signing in", () => {
  test("a signed-out visitor is sent to the login page and back after signing in", async ({ page }) => {
    await page.goto("/inbox?folder=mine");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Finbox%3Ffolder%3Dmine$/);
    await page.getByLabel("Email").fill(DEMO.alex);
    await page.getByLabel("Password").fill("inbox-demo-2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/inbox\?folder=mine$/);
    await expect(page.getByRole("banner")).toContainText("Alex Agent");
    await page.screenshot({ path: test.info().outputPath("inbox-after-sign-in.png"), fullPage: true });
  });

  test("a wrong password is refused with a message and no session", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(DEMO.alex);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText("That email and password don't match an active account.");
    await expect(page).toHaveURL(/\/login/);
    await page.screenshot({ path: test.info().outputPath("login-wrong-password.png") });
    expect((await page.request.get("/api/conversations")).status()).toBe(401);
  });

  test("an invalid email is explained next to the field", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill("not-an-email");
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("Enter the email address you sign in with.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  });

  test("signing out ends the session", async ({ page }) => {
    await signIn(page, DEMO.sam);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/inbox");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("the API without a session", () => {
  for (const path of ["/api/conversations", "/api/channels", "/api/admin/agents"]) {
    test(`GET ${path} answers 401 JSON`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: "Sign in to continue." } });
    });
  }

  test("health is public and reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ ok: true, db: "up" });
  });

  test("the credentials callback signs in and refuses a wrong password", async ({ playwright, baseURL }) => {
    const good = await playwright.request.newContext({ baseURL });
    expect(await signInApi(good, DEMO.manager)).not.toContain("error=");
    expect((await good.get("/api/conversations")).status()).toBe(200);
    await good.dispose();

    const bad = await playwright.request.newContext({ baseURL });
    expect(await signInApi(bad, DEMO.manager, "wrong-password")).toContain("error=CredentialsSignin");
    expect((await bad.get("/api/conversations")).status()).toBe(401);
    await bad.dispose();
  });
});
