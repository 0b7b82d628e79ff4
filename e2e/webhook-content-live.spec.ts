// What Meta's 2026 webhook shapes look like in the thread: an Instagram story reply shows the story it answers,
// a sticker sent during Meta's transition (a `sticker` attachment plus its `image` duplicate) shows once, and a
// person the User Profile API cannot name yet shows as "Instagram user" — never a blank. The webhooks are
// signed here with the run's app secret and POSTed to the app, as Meta does.
import { createHmac, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { ensureSimulatorChannels, simulatorChannels } from "./support/simulator";

async function postWebhook(request: APIRequestContext, body: unknown) {
  const secret = process.env.META_APP_SECRET;
  test.skip(!secret, "needs the app secret of the run (npm test sets it)");
  const text = JSON.stringify(body);
  const response = await request.post("/api/webhooks/meta", {
    data: text,
    headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${createHmac("sha256", secret!).update(text).digest("hex")}` },
  });
  expect(response.status()).toBe(200);
}

test.describe("webhook content in the thread (live)", () => {
  test.beforeAll(async ({ playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL });
    await signInApi(admin, DEMO.admin);
    await ensureSimulatorChannels(admin);
    await admin.dispose();
  });

  test("a story reply shows the story; a transition sticker shows once; an unnamed person is 'Instagram user'", async ({ page, request, baseURL }) => {
    const channels = await simulatorChannels(request);
    const instagram = channels.find((c) => c.platform === "instagram")!;
    const tag = randomUUID().slice(0, 8);
    const person = `99${Date.now()}`; // an IGSID Meta's profile API does not know: no name will come
    const now = Date.now();
    // A story preview the browser can load (the app's own icon stands in for Meta's CDN).
    const storyUrl = new URL("/icon.svg", baseURL).toString();
    await postWebhook(request, {
      object: "instagram",
      entry: [
        {
          id: instagram.id,
          time: now,
          messaging: [
            { sender: { id: person }, recipient: { id: instagram.id }, timestamp: now, message: { mid: `ig_story_${tag}`, text: `Love this look ${tag}`, reply_to: { story: { url: storyUrl, id: "17890000000000001" } } } },
            {
              sender: { id: person },
              recipient: { id: instagram.id },
              timestamp: now + 1,
              message: {
                mid: `ig_sticker_${tag}`,
                attachments: [
                  { type: "image", payload: { url: storyUrl, sticker_id: 369239263222822 } },
                  { type: "sticker", payload: { url: storyUrl, sticker_id: 369239263222822 } },
                ],
              },
            },
          ],
        },
      ],
    });

    await signIn(page, DEMO.manager);
    await page.goto(`/inbox?folder=all&q=${encodeURIComponent(tag)}`);
    const row = page.getByRole("listbox", { name: /conversations/ }).getByRole("option", { name: /Instagram user/ });
    await expect(row).toBeVisible({ timeout: 10_000 });
    await row.click();
    await expect(page.getByRole("heading", { level: 2, name: "Instagram user" })).toBeVisible();
    const thread = page.getByRole("log");
    const reply = thread.locator("[data-story-reply]");
    await expect(reply).toContainText("Replied to your story");
    await expect(reply.getByRole("link", { name: /Open the story/ })).toHaveAttribute("href", storyUrl);
    await expect(thread.getByText(`Love this look ${tag}`)).toBeVisible();
    const sticker = thread.getByRole("img", { name: "Sticker" });
    await expect(sticker).toHaveCount(1);
    await expect.poll(() => sticker.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => reply.getByRole("img", { name: "The story" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath("story-reply-and-sticker.png") });
  });
});
