import { expect, test } from "@playwright/test";
import { DEMO, signIn, signInApi } from "./support/auth";
import { ensureSimulatorChannels, SIMULATOR_URL } from "./support/simulator";

// The inbox list is being rebuilt (it is server-rendered today): arrival without a reload is asserted on what
// an open inbox tab receives — the realtime event stream — and on the conversation API it refetches from.
test("a message typed on the simulator's customer page reaches an open inbox tab without a reload", async ({ page, context, playwright, baseURL }) => {
  test.setTimeout(90_000);
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  await ensureSimulatorChannels(admin);
  await admin.dispose();

  await signIn(page, DEMO.admin);
  await page.goto("/inbox");
  // What the open tab hears (the same stream the inbox subscribes to).
  await page.evaluate(() => {
    const w = window as unknown as { __events: { type: string; data: Record<string, string> }[]; __sameDocument: boolean };
    w.__events = [];
    // Gone after any reload or full navigation.
    w.__sameDocument = true;
    const source = new EventSource("/api/events");
    for (const type of ["message.upserted", "conversation.updated"]) {
      source.addEventListener(type, (e) => w.__events.push({ type, data: JSON.parse((e as MessageEvent<string>).data) as Record<string, string> }));
    }
    return new Promise<void>((resolve) => source.addEventListener("ready", () => resolve()));
  });

  const text = `Bonjour ! Ma commande n'est pas arrivée 📦 ${Date.now().toString(36)}`;
  const customer = await context.newPage();
  await customer.goto(`${SIMULATOR_URL}/customer`);
  await customer.getByLabel("Page or Instagram account").selectOption({ label: "Messenger · Maison Lumière" });
  await customer.getByLabel("New person's name").fill("Camille Testeuse");
  await customer.getByRole("button", { name: "Start" }).click();
  await customer.getByLabel("Message").fill(text);
  await customer.getByLabel("Message").press("Enter");
  await expect(customer.getByText(text)).toBeVisible();
  await customer.screenshot({ path: test.info().outputPath("customer-page.png") });

  // The inbox tab receives the new message and its conversation, live.
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __events: { type: string }[] }).__events.map((e) => e.type)), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(["message.upserted", "conversation.updated"]));
  const conversationId = await page.evaluate(() => (window as unknown as { __events: { type: string; data: Record<string, string> }[] }).__events.find((e) => e.type === "message.upserted")!.data.conversationId);
  const list = await page.evaluate(async () => (await fetch("/api/conversations?limit=100")).json());
  const conversation = (list as { conversations: { id: string; lastMessagePreview: string; contact: { name: string | null } }[] }).conversations.find((c) => c.id === conversationId);
  expect(conversation?.lastMessagePreview).toBe(text);
  await expect.poll(async () => {
    const again = (await page.evaluate(async () => (await fetch("/api/conversations?limit=100")).json())) as { conversations: { id: string; contact: { name: string | null } }[] };
    return again.conversations.find((c) => c.id === conversationId)?.contact.name;
  }, { timeout: 15_000 }).toBe("Camille Testeuse");
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  // When the inbox renders live data, the text shows up in the open tab itself.
  await page.screenshot({ path: test.info().outputPath("inbox-open-tab.png"), fullPage: true });
});
