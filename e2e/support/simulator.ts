import { expect, type APIRequestContext } from "@playwright/test";
import { DEMO, signInApi } from "./auth";

/** The Meta simulator of this run (scripts/test.ts starts one; a running `npm run demo` has it on :4010). */
export const SIMULATOR_URL = process.env.SIMULATOR_URL ?? "http://127.0.0.1:4010";

export interface SimChannel {
  platform: "messenger" | "instagram";
  id: string;
  name: string;
  username: string;
  accessToken: string;
  conversationCount: number;
  humanAgent: boolean;
}

export async function simulatorChannels(request: APIRequestContext): Promise<SimChannel[]> {
  const response = await request.get(`${SIMULATOR_URL}/__control/channels`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { data: SimChannel[] }).data;
}

interface AdminChannel {
  id: string;
  metaId: string;
  humanAgentEnabled: boolean;
  sync: { status: string } | null;
}

/**
 * Connects every simulator Page (by Page token, the admin API) unless already connected, sets the Human Agent
 * toggle as the app has it at Meta (the simulator's truth), and waits for the import.
 */
export async function ensureSimulatorChannels(admin: APIRequestContext): Promise<void> {
  const atMeta = await simulatorChannels(admin);
  const pages = atMeta.filter((c) => c.platform === "messenger");
  const list = async () => ((await (await admin.get("/api/admin/channels")).json()) as { channels: AdminChannel[] }).channels;
  const connected = new Set((await list()).map((c) => c.metaId));
  for (const page of pages.filter((p) => !connected.has(p.id))) {
    expect((await admin.post("/api/admin/channels", { data: { pageToken: page.accessToken } })).status()).toBe(201);
  }
  for (const channel of await list()) {
    const simulated = atMeta.find((c) => c.id === channel.metaId);
    if (simulated && simulated.humanAgent !== channel.humanAgentEnabled) {
      expect((await admin.patch(`/api/admin/channels/${channel.id}`, { data: { humanAgentEnabled: simulated.humanAgent } })).ok()).toBe(true);
    }
  }
  await expect
    .poll(async () => (await list()).filter((c) => c.sync?.status === "QUEUED" || c.sync?.status === "RUNNING").length, { timeout: 60_000 })
    .toBe(0);
}

/** Every conversation the signed-in agent can list in a folder, across pages. */
export async function allConversations<T>(request: APIRequestContext, folder = "all"): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const response = await request.get(`/api/conversations?folder=${folder}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    expect(response.status()).toBe(200);
    const page = (await response.json()) as { conversations: T[]; nextCursor: string | null };
    all.push(...page.conversations);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** A call to the simulator's control API (meta-simulator/README.md, Control API); fails the test on an error. */
export async function simulatorControl<T = unknown>(request: APIRequestContext, method: "GET" | "POST" | "PATCH" | "DELETE", path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(`${SIMULATOR_URL.replace(/\/+$/, "")}/__control${path}`, { method, data });
  expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** A new Page token from Meta, as an admin's reconnection gets it (`/me/accounts` replaces invalidated tokens). */
export async function freshPageToken(request: APIRequestContext, pageId: string): Promise<string> {
  const { user } = await simulatorControl<{ user: { accessToken: string } }>(request, "GET", "/summary");
  const response = await request.get(`${SIMULATOR_URL.replace(/\/+$/, "")}/v24.0/me/accounts`, {
    params: { access_token: user.accessToken, fields: "id,access_token", limit: 100 },
  });
  expect(response.ok()).toBe(true);
  const page = ((await response.json()) as { data: { id: string; access_token: string }[] }).data.find((p) => p.id === pageId);
  if (!page) throw new Error(`the simulated user does not manage Page ${pageId}`);
  return page.access_token;
}

/** Connects the simulator's Pages as the demo admin (once) and returns its first Messenger Page. */
export async function connectedMessengerPage(playwright: { request: { newContext(options?: { baseURL?: string }): Promise<APIRequestContext> } }, baseURL: string | undefined): Promise<SimChannel> {
  const admin = await playwright.request.newContext({ baseURL });
  await signInApi(admin, DEMO.admin);
  await ensureSimulatorChannels(admin);
  const channels = await simulatorChannels(admin);
  await admin.dispose();
  return channels.find((c) => c.platform === "messenger")!;
}
