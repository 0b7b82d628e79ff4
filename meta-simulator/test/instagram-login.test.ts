// Instagram API with Instagram Login: the authorization window (/ig-www), the code exchange (/ig-api), the
// long-lived token and its refresh, graph.instagram.com (/ig-graph) reads and sends, webhooks of an account
// without a Facebook Page, the Requests folder rule, and the hosts refusing each other's tokens.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { APP_ID, APP_SECRET, graph, startReceiver, startTestSim, T0, type Receiver } from "./helpers";

const REDIRECT = "http://localhost:3000/admin/channels/instagram-callback";
const SCOPES = "instagram_business_basic,instagram_business_manage_messages";
const DAY = 86_400_000;

let sim: RunningSimulator;
let receiver: Receiver;
let igLoginId: string;
let linkedIgId: string;
let igGraph: string;

beforeAll(async () => {
  receiver = await startReceiver();
  sim = await startTestSim({ dataset: "demo", app: { callbackUrl: receiver.url } });
  igGraph = `${sim.url}/ig-graph`;
  linkedIgId = [...sim.sim.world.igAccounts.keys()][0]!;
  const created = await sim.control<{ id: string; created: boolean }>("POST", "/instagram-login-accounts", { username: "atelier.nord", name: "Atelier Nord", withConversations: true });
  igLoginId = created.id;
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

async function loginCode(account: string, opts: { cancel?: boolean } = {}): Promise<URL> {
  const dialog = new URL(`${sim.url}/ig-www/oauth/authorize`);
  for (const [k, v] of Object.entries({ client_id: APP_ID, redirect_uri: REDIRECT, response_type: "code", scope: SCOPES, state: "s-1" })) dialog.searchParams.set(k, v);
  const html = await (await fetch(dialog)).text();
  expect(html).toContain("@atelier.nord");
  expect(html).toContain("no Facebook Page");
  const form = new URLSearchParams({ client_id: APP_ID, redirect_uri: REDIRECT, response_type: "code", scope: SCOPES, state: "s-1", account, action: opts.cancel ? "cancel" : "allow" });
  const res = await fetch(`${sim.url}/ig-www/oauth/authorize/confirm`, { method: "POST", body: form, redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location")!);
}

async function exchange(code: string, redirectUri = REDIRECT) {
  const res = await fetch(`${sim.url}/ig-api/oauth/access_token`, {
    method: "POST",
    body: new URLSearchParams({ client_id: APP_ID, client_secret: APP_SECRET, grant_type: "authorization_code", redirect_uri: redirectUri, code }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function longLivedToken(account: string): Promise<string> {
  const back = await loginCode(account);
  const short = await exchange(back.searchParams.get("code")!);
  const shortToken = (short.json.data as { access_token: string }[])[0]!.access_token;
  const long = await graph<{ access_token: string; expires_in: number }>(igGraph, "GET", "/access_token", { grant_type: "ig_exchange_token", client_secret: APP_SECRET, access_token: shortToken });
  expect(long.status).toBe(200);
  return long.json.access_token;
}

describe("Instagram Business Login", () => {
  it("dialog → code (with state, `#_`) → short-lived token with user_id and permissions → long-lived 60-day token", async () => {
    const back = await loginCode(igLoginId);
    expect(back.searchParams.get("state")).toBe("s-1");
    expect(back.hash).toBe("#_");
    const answer = await exchange(back.searchParams.get("code")!);
    expect(answer.status).toBe(200);
    const [item] = answer.json.data as { access_token: string; user_id: string; permissions: string }[];
    expect(item).toMatchObject({ user_id: igLoginId, permissions: SCOPES });
    // The code is single-use, and bound to its redirect_uri.
    expect((await exchange(back.searchParams.get("code")!)).json).toMatchObject({ error_type: "OAuthException", code: 400 });
    const other = await loginCode(igLoginId);
    expect((await exchange(other.searchParams.get("code")!, "http://localhost:3000/elsewhere")).status).toBe(400);

    const long = await graph<{ access_token: string; token_type: string; expires_in: number }>(igGraph, "GET", "/access_token", { grant_type: "ig_exchange_token", client_secret: APP_SECRET, access_token: item!.access_token });
    expect(long.json).toMatchObject({ token_type: "bearer", expires_in: 60 * 86_400 });
    const wrongSecret = await graph(igGraph, "GET", "/access_token", { grant_type: "ig_exchange_token", client_secret: "nope", access_token: item!.access_token });
    expect(wrongSecret.status).toBe(400);
  });

  it("cancel redirects with error=access_denied; unknown scopes are refused by the dialog", async () => {
    const back = await loginCode(igLoginId, { cancel: true });
    expect(back.searchParams.get("error")).toBe("access_denied");
    expect(back.searchParams.get("error_reason")).toBe("user_denied");
    const bad = await fetch(`${sim.url}/ig-www/oauth/authorize?client_id=${APP_ID}&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code&scope=business_basic`);
    expect(bad.status).toBe(400);
  });

  it("refresh: only long-lived tokens at least 24 h old and not expired; the new one lasts 60 days from the refresh", async () => {
    const token = await longLivedToken(igLoginId);
    const young = await graph(igGraph, "GET", "/refresh_access_token", { grant_type: "ig_refresh_token", access_token: token });
    expect(young.json).toMatchObject({ error: { code: 100 } });
    await sim.control("POST", "/clock", { advanceHours: 25 });
    const refreshed = await graph<{ access_token: string; expires_in: number }>(igGraph, "GET", "/refresh_access_token", { grant_type: "ig_refresh_token", access_token: token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.expires_in).toBe(60 * 86_400);
    expect(sim.sim.world.tokens.get(refreshed.json.access_token)?.expiresAt).toBe(sim.sim.now() + 60 * DAY);
    await sim.control("POST", "/clock", { advanceDays: 61 });
    const expired = await graph(igGraph, "GET", "/refresh_access_token", { grant_type: "ig_refresh_token", access_token: token });
    expect(expired.json).toMatchObject({ error: { code: 190, error_subcode: 463 } });
    await sim.control("POST", "/clock", { set: T0, freeze: true });
  });
});

describe("graph.instagram.com", () => {
  it("/me names the professional account (user_id) apart from the app-scoped id; each host refuses the other's tokens", async () => {
    const { token } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: igLoginId });
    const me = await graph<Record<string, string>>(igGraph, "GET", "/me", { fields: "id,user_id,username,name,account_type", access_token: token });
    expect(me.json).toMatchObject({ user_id: igLoginId, username: "atelier.nord", name: "Atelier Nord", account_type: "BUSINESS" });
    expect(me.json.id).not.toBe(igLoginId);
    expect((await graph(sim.url, "GET", "/me", { access_token: token })).json).toMatchObject({ error: { code: 190 } });
    const pageToken = sim.pageToken([...sim.sim.world.pages.values()].find((p) => !p.hidden)!.id);
    expect((await graph(igGraph, "GET", "/me", { access_token: pageToken })).json).toMatchObject({ error: { code: 190 } });
  });

  it("takes no batch requests (documented for graph.facebook.com only): POST / answers the unknown-path error", async () => {
    const { token } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: igLoginId });
    const batch = JSON.stringify([{ method: "GET", relative_url: `${igLoginId}?fields=id` }]);
    const refused = await graph(igGraph, "POST", "/", { batch, access_token: token });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ error: { code: 2500 } });
  });

  it("/me/conversations?platform=instagram: newest first with paging links back to /ig-graph; unanswered threads idle 30 days are not listed", async () => {
    const { token } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: igLoginId });
    const ids: string[] = [];
    let next: string | undefined = `${igGraph}/v24.0/me/conversations?platform=instagram&limit=5&fields=id,updated_time,participants&access_token=${token}`;
    while (next) {
      expect(next.startsWith(`${igGraph}/`)).toBe(true);
      const page: { status: number; json: { data: { id: string }[]; paging?: { next?: string } } } = await graph(sim.url, "GET", next);
      expect(page.status).toBe(200);
      ids.push(...page.json.data.map((c) => c.id));
      next = page.json.paging?.next;
    }
    const truth = sim.sim.world.sortedConversations(igLoginId);
    const unansweredOld = truth.filter((c) => !c.messages.some((m) => m.fromPage) && sim.sim.now() - c.updatedTime >= 30 * DAY);
    expect(unansweredOld.length).toBeGreaterThan(0);
    expect(ids).toEqual(truth.filter((c) => !unansweredOld.includes(c)).map((c) => c.id));
    // A thread older than 30 days that the business answered stays listed.
    expect(truth.some((c) => ids.includes(c.id) && sim.sim.now() - c.updatedTime >= 30 * DAY)).toBe(true);
  });

  it("POST /me/messages: RESPONSE inside 24 h; 10/2534022 outside; HUMAN_AGENT inside 7 days; retired tags → 100", async () => {
    const { token } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: igLoginId });
    const convs = sim.sim.world.sortedConversations(igLoginId);
    const age = (c: (typeof convs)[number]) => sim.sim.now() - (c.lastOpenerAt ?? 0);
    const fresh = convs.find((c) => age(c) < DAY - 60_000)!;
    const middle = convs.find((c) => age(c) > DAY + 60_000 && age(c) < 6 * DAY)!;
    const old = convs.find((c) => age(c) > 8 * DAY)!;
    const send = (recipient: string, extra: Record<string, unknown> = {}) =>
      graph(igGraph, "POST", "/me/messages", { access_token: token, recipient: { id: recipient }, message: { text: "Bonjour" }, ...extra });
    const ok = await send(fresh.contactId);
    expect(ok.json).toMatchObject({ recipient_id: fresh.contactId, message_id: expect.any(String) });
    expect((await send(middle.contactId)).json).toMatchObject({ error: { code: 10, error_subcode: 2534022 } });
    expect((await send(middle.contactId, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })).status).toBe(200);
    expect((await send(old.contactId, { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" })).json).toMatchObject({ error: { code: 10 } });
    expect((await send(fresh.contactId, { messaging_type: "MESSAGE_TAG", tag: "ACCOUNT_UPDATE" })).json).toMatchObject({ error: { code: 100 } });
    // Another account's token cannot send from this one.
    const { token: otherToken } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: linkedIgId });
    expect((await graph(igGraph, "POST", `/${igLoginId}/messages`, { access_token: otherToken, recipient: { id: fresh.contactId }, message: { text: "x" } })).json).toMatchObject({ error: { code: 100, error_subcode: 33 } });
  });

  it("POST /me/subscribed_apps → webhooks of object instagram: messages, the business's replies as echoes, messaging_seen", async () => {
    const { token } = await sim.control<{ token: string }>("POST", "/instagram-tokens", { igAccountId: igLoginId });
    const sub = await graph(igGraph, "POST", "/me/subscribed_apps", { access_token: token, subscribed_fields: "messages,messaging_seen,message_reactions,messaging_postbacks" }, { form: true });
    expect(sub.json).toEqual({ success: true });
    const conv = sim.sim.world.sortedConversations(igLoginId)[0]!;
    const before = receiver.items().length;
    await sim.control("POST", "/customer/message", { channelId: igLoginId, contactId: conv.contactId, text: "Still there?" });
    await graph(igGraph, "POST", "/me/messages", { access_token: token, recipient: { id: conv.contactId }, message: { text: "Yes!" } });
    await sim.control("POST", "/customer/read", { channelId: igLoginId, contactId: conv.contactId });
    await receiver.waitFor((r) => r.items().length >= before + 3);
    const items = receiver.items().slice(before);
    expect(items.every((i) => i.object === "instagram" && i.entryId === igLoginId)).toBe(true);
    expect(items.find((i) => (i.item.message as { text?: string } | undefined)?.text === "Still there?")).toBeTruthy();
    expect(items.find((i) => (i.item.message as { is_echo?: boolean } | undefined)?.is_echo === true)).toBeTruthy();
    expect(items.find((i) => i.item.read !== undefined)).toBeTruthy();
  });

  it("an account without a Page is not offered by Facebook Login nor listed in /me/accounts", async () => {
    const accounts = await graph<{ data: { id: string; instagram_business_account?: { id: string } }[] }>(sim.url, "GET", "/me/accounts", { access_token: sim.userToken, fields: "id,instagram_business_account" });
    expect(accounts.json.data.some((p) => p.instagram_business_account?.id === igLoginId)).toBe(false);
    expect(accounts.json.data).toHaveLength(2);
    const fbDialog = await (await fetch(`${sim.url}/v24.0/dialog/oauth?client_id=${APP_ID}&redirect_uri=${encodeURIComponent(REDIRECT)}`)).text();
    expect(fbDialog).not.toContain("Atelier Nord");
    const listed = await sim.control<{ data: { id: string }[] }>("GET", "/channels");
    expect(listed.data.some((c) => c.id === igLoginId)).toBe(false);
    const all = await sim.control<{ data: { id: string; connection?: string }[] }>("GET", "/channels?include=instagram_login");
    expect(all.data.find((c) => c.id === igLoginId)).toMatchObject({ connection: "instagram_login" });
  });
});
