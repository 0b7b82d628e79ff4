// Browser tests. `npm test` (scripts/test.ts) starts the app on a throwaway database and sets
// E2E_BASE_URL; run alone, `npx playwright test` targets a running `npm run demo` on :3000.
// Specs create the data they change, so they are safe against the demo too.
import { defineConfig } from "@playwright/test";

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const LIVE_SPECS = [
  "**/channels.spec.ts",
  "**/sync-live.spec.ts",
  "**/inbox-live.spec.ts",
  "**/send.spec.ts",
  "**/send-faults.spec.ts",
  "**/hardening-live.spec.ts",
  "**/webhook-content-live.spec.ts",
  "**/instagram-login.spec.ts",
  "**/team.spec.ts",
  "**/comments.spec.ts",
  "**/health.spec.ts",
  "**/workflow.spec.ts",
  "**/csat.spec.ts",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : "list",
  // Specs on the seeded data run first; then the "live" specs, which connect the Meta simulator's Pages and
  // add conversations (they would change what the seeded specs count and order).
  projects: [
    { name: "seeded", testIgnore: LIVE_SPECS },
    { name: "live", testMatch: LIVE_SPECS, dependencies: ["seeded"] },
  ],
  use: {
    // localhost, not 127.0.0.1: next-auth's CSRF cookie is bound to the host the app announces.
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
});
