// What customers send and what the composer plans, with the Meta simulator: customers' links render as
// links only when they are web addresses; a reply's files stay in the composer until their message is
// accepted; Messenger takes up to 30 images in one message.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO, signIn } from "./support/auth";
import { connectedMessengerPage, simulatorControl, type SimChannel } from "./support/simulator";

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("e2e picture")]);

type SendLogEntry = { id: number; request: { message?: { attachments?: unknown[]; attachment?: unknown } } };

const control = simulatorControl;

const composer = (page: Page) => page.locator("form[data-composer-mode]");

test.describe("customers' links and the composer's files (live)", () => {
  let channel: SimChannel;
  test.beforeAll(async ({ playwright, baseURL }) => {
    channel = await connectedMessengerPage(playwright, baseURL);
  });

  async function customerWrites(request: APIRequestContext, message: { text?: string; attachments?: unknown[] }): Promise<string> {
    const name = `Guard ${randomUUID().slice(0, 8)}`;
    await control(request, "POST", "/customer/message", { channelId: channel.id, newContact: { name }, ...message });
    return name;
  }

  async function open(page: Page, name: string) {
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(name)}`);
    await page.getByRole("listbox", { name: /conversations/ }).getByRole("option", { name: new RegExp(name) }).click();
    await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  }

  test("only http(s) addresses become links; javascript:, data: and vbscript: stay inert text", async ({ page, request, baseURL }) => {
    // What reaches us is what Meta forwards: a signed webhook with the customer's addresses as they are.
    const secret = process.env.META_APP_SECRET;
    test.skip(!secret, "needs the app secret to sign a webhook (set by npm test)");
    const token = randomUUID().slice(0, 8);
    const now = Date.now();
    const body = JSON.stringify({
      object: "page",
      entry: [
        {
          id: channel.id,
          time: now,
          messaging: [
            {
              sender: { id: `9${Date.now()}` },
              recipient: { id: channel.id },
              timestamp: now,
              message: {
                mid: `m_guard_${token}`,
                text: `Order ${token}: track it at https://shop.example/track?id=7. Or click javascript:alert(1) or vbscript:msgbox(1)`,
                attachments: [
                  { type: "file", payload: { url: "javascript:alert(document.cookie)" } },
                  { type: "image", payload: { url: "data:text/html,<script>alert(1)</script>" } },
                  { type: "fallback", payload: { url: "vbscript:msgbox(1)", title: "A shared post" } },
                  { type: "file", payload: { url: "https://shop.example/receipt.pdf" } },
                ],
              },
            },
          ],
        },
      ],
    });
    const signature = `sha256=${createHmac("sha256", secret!).update(body).digest("hex")}`;
    const delivered = await request.post(`${baseURL}/api/webhooks/meta`, { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
    expect(delivered.status()).toBe(200);

    await signIn(page, DEMO.manager);
    await page.goto(`/inbox?folder=all&q=${token}`);
    await page.getByRole("listbox", { name: /conversations/ }).getByRole("option").first().click();
    const thread = page.getByRole("log");
    await expect(thread.getByText(/track it at/)).toBeVisible();

    const link = thread.getByRole("link", { name: "https://shop.example/track?id=7" });
    await expect(link).toHaveAttribute("href", "https://shop.example/track?id=7");
    await expect(link).toHaveAttribute("target", "_blank");
    await expect(link).toHaveAttribute("rel", /noopener/);
    await expect(thread.getByText(/javascript:alert\(1\)/)).toBeVisible();
    for (const scheme of ["javascript:", "data:", "vbscript:"]) {
      await expect(thread.locator(`a[href^="${scheme}" i], video[src^="${scheme}" i], audio[src^="${scheme}" i]`)).toHaveCount(0);
    }
    await expect(thread.locator('img[src^="data:text" i], img[src^="javascript:" i]')).toHaveCount(0);
    await expect(thread.locator("[data-unsafe-link]")).toHaveCount(3);
    await expect(thread.locator('a[href="https://shop.example/receipt.pdf"]')).toHaveCount(1);
    await page.screenshot({ path: test.info().outputPath("customer-links.png") });
  });

  test("a refused send leaves its files in the composer; an accepted one takes them", async ({ page, request }) => {
    const name = await customerWrites(request, { text: "Can you send me the label?" });
    await signIn(page, DEMO.manager);
    await open(page, name);
    await composer(page).locator('input[type="file"]').setInputFiles([{ name: "label.png", mimeType: "image/png", buffer: PNG }]);
    const files = composer(page).getByRole("list", { name: "Attachments" });
    await expect(files.getByRole("listitem")).toHaveText(/label\.png/);
    await expect(files.getByText("uploading…")).toHaveCount(0);

    // The API refuses the first try (as it would a draft whose upload was pruned, or a 409).
    let refused = false;
    await page.route("**/api/conversations/*/messages", async (route) => {
      if (refused || route.request().method() !== "POST") return route.fallback();
      refused = true;
      await route.fulfill({ status: 400, json: { error: { code: "invalid_request", message: "Refused for the test." } } });
    });
    await composer(page).getByRole("button", { name: "Send" }).click();
    await expect(composer(page).getByRole("alert")).toHaveText("Refused for the test.");
    await expect(files.getByRole("listitem")).toHaveText(/label\.png/);
    await expect(files.getByRole("button", { name: "Remove label.png" })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath("composer-refused-keeps-files.png") });

    await composer(page).getByRole("button", { name: "Send" }).click();
    await expect(page.getByRole("log").locator("[data-sender-kind=AGENT]").last()).toContainText(/Sent|Delivered|Read/);
    await expect(composer(page).getByRole("list", { name: "Attachments" })).toHaveCount(0);
  });

  test("12 images on Messenger go out as one message Meta accepts", async ({ page, request }) => {
    const name = await customerWrites(request, { text: "Photos of all the colours please" });
    await signIn(page, DEMO.manager);
    await open(page, name);
    const since = (await control<{ data: SendLogEntry[] }>(request, "GET", "/send-log?limit=1")).data.at(-1)?.id ?? 0;
    await composer(page)
      .locator('input[type="file"]')
      .setInputFiles(Array.from({ length: 12 }, (_, i) => ({ name: `colour-${i + 1}.png`, mimeType: "image/png", buffer: PNG })));
    const files = composer(page).getByRole("list", { name: "Attachments" });
    await expect(files.getByRole("listitem")).toHaveCount(12);
    await expect(files.getByText("uploading…")).toHaveCount(0, { timeout: 15_000 });
    await composer(page).getByRole("button", { name: "Send" }).click();
    await expect(composer(page).getByRole("alert")).toHaveCount(0);
    await expect(composer(page).getByRole("list", { name: "Attachments" })).toHaveCount(0);
    await expect
      .poll(async () => (await control<{ data: SendLogEntry[] }>(request, "GET", `/send-log?since=${since}&limit=100`)).data.filter((e) => e.request.message).map((e) => e.request.message?.attachments?.length ?? 0))
      .toEqual([12]);
  });
});
