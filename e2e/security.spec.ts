// Attacks a browser or a copied cookie can make, against the production server: forged Origin, replayed
// session cookies, password guessing at the login form, text injected through the Channels page URL.
import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi, uniqueEmail } from "./support/auth";

test.describe("sessions", () => {
  test("signing out ends the session on the server: a copy of the cookie is refused afterwards", async ({ page, playwright, baseURL }) => {
    await signIn(page, DEMO.sam);
    const session = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"))!;
    expect(session).toBeDefined();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);

    const thief = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { cookie: `${session.name}=${session.value}` } });
    expect((await thief.get("/api/conversations")).status()).toBe(401);
    await thief.dispose();
  });
});

test.describe("sign-in throttling", () => {
  test("after 5 wrong passwords the form asks to wait, and the right password waits too", async ({ page, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    const email = uniqueEmail("throttled");
    const password = "a-good-password-2026";
    expect((await admin.post("/api/admin/agents", { data: { name: "Throttled Agent", email, role: "AGENT", password } })).status()).toBe(201);
    await admin.dispose();

    await page.goto("/login");
    const alert = page.locator("form").getByRole("alert");
    for (let i = 1; i <= 5; i++) {
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(`wrong-password-${i}`);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(alert).toHaveText("That email and password don't match an active account.");
      await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
    }
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
    await expect(page).toHaveURL(/\/login/);
    await page.screenshot({ path: test.info().outputPath("login-throttled.png") });
  });
});

test.describe("cross-site and malformed requests", () => {
  test("a write with Origin: null or a foreign Origin is refused with 403 and changes nothing", async ({ playwright, baseURL }) => {
    const manager = await playwright.request.newContext({ baseURL });
    await signInApi(manager, DEMO.manager);
    const { conversations } = (await (await manager.get("/api/conversations?folder=all&limit=1")).json()) as { conversations: { id: string; status: string }[] };
    const target = conversations[0]!;
    for (const origin of ["null", "https://evil.example"]) {
      const response = await manager.put(`/api/conversations/${target.id}/status`, { data: { status: target.status === "RESOLVED" ? "OPEN" : "RESOLVED" }, headers: { origin } });
      expect(response.status()).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const after = (await (await manager.get(`/api/conversations/${target.id}`)).json()) as { conversation: { status: string } };
    expect(after.conversation.status).toBe(target.status);
    await manager.dispose();
  });

  test("admin channel actions with a malformed id are 404, not 500", async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    expect((await admin.patch("/api/admin/channels/not-a-uuid", { data: { humanAgentEnabled: true } })).status()).toBe(404);
    expect((await admin.delete("/api/admin/channels/not-a-uuid")).status()).toBe(404);
    expect((await admin.post("/api/admin/channels/not-a-uuid/resync")).status()).toBe(404);
    await admin.dispose();
  });
});

test.describe("the Channels page URL", () => {
  test("shows the message of a known error code only, never text from the URL", async ({ page }) => {
    await signIn(page, DEMO.admin);
    const planted = "Your account is suspended. Call +1 555 0100 now";
    await page.goto(`/admin/channels?error=${encodeURIComponent(planted)}&connected=${encodeURIComponent("99 channels. Call us")}`);
    await expect(page.getByRole("heading", { name: "Channels" })).toBeVisible();
    await expect(page.getByText("Call +1 555 0100")).toHaveCount(0);
    await expect(page.getByText("Call us")).toHaveCount(0);
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);

    await page.goto("/admin/channels?error=cancelled");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Connecting was cancelled in the Facebook or Instagram dialog.");
    await page.screenshot({ path: test.info().outputPath("channels-known-error.png") });
  });
});
