import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "inbox-demo-2026";
export const DEMO = {
  admin: "admin@northwind.test",
  manager: "manager@northwind.test",
  alex: "alex@northwind.test",
  sam: "sam@northwind.test",
} as const;

/** Signs in through the login form, as a person would. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // scrypt, a session row and the first render of the inbox in one response: seconds on a loaded machine.
  await expect(page).toHaveURL(/\/inbox/, { timeout: 20_000 });
}

/** Signs an API request context in through next-auth's credentials callback (no browser). */
export async function signInApi(request: APIRequestContext, email: string, password = DEMO_PASSWORD) {
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  return response.headers().location ?? "";
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}@e2e.test`;
}
