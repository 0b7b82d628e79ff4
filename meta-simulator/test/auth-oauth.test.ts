// Tokens (query, body, Bearer; 104 / 190 / 190-460 / 190-463), appsecret_proof, and the "Connect a Page"
// flow: OAuth dialog → redirect with code/state → /oauth/access_token → /me/accounts with Page tokens.

import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../index";
import { APP_ID, APP_SECRET, graph, startTestSim } from "./helpers";

const SCOPES = "pages_show_list,pages_messaging,pages_manage_metadata,pages_read_engagement,instagram_basic,instagram_manage_messages";

let sim: RunningSimulator;
let maison: string;
let velo: string;

beforeAll(async () => {
  sim = await startTestSim({ dataset: "demo", frozen: false });
  [maison, velo] = [...sim.sim.world.pages.keys()] as [string, string];
});
afterAll(() => sim.close());

describe("access tokens", () => {
  it("accepts access_token in the query, in the body, and as Authorization: Bearer", async () => {
    const t = sim.pageToken(maison);
    expect((await graph(sim.url, "GET", `/${maison}`, { access_token: t })).status).toBe(200);
    expect((await graph(sim.url, "GET", `/${maison}`, {}, { headers: { authorization: `Bearer ${t}` } })).json).toMatchObject({ id: maison });
    const c = sim.sim.world.sortedConversations(maison)[0]!;
    const body = await graph(sim.url, "POST", `/me/messages`, { access_token: t, recipient: { id: c.contactId }, sender_action: "mark_seen" }, { form: true });
    expect(body.status).toBe(200);
  });

  it("missing → 104; garbage → 190; invalidated → 190/460; expired → 190/463", async () => {
    const missing = await graph(sim.url, "GET", `/${maison}`, {});
    expect(missing.json).toMatchObject({ error: { code: 104, type: "OAuthException" } });
    const garbage = await graph(sim.url, "GET", `/${maison}`, { access_token: "EAAgarbage" });
    expect(garbage.json).toMatchObject({ error: { code: 190 } });
    expect(garbage.headers.get("www-authenticate")).toContain("invalid_token");

    const inv = await sim.control<{ invalidatedToken: string }>("POST", `/channels/${velo}/invalidate-token`);
    const r = await graph(sim.url, "GET", `/${velo}/conversations`, { access_token: inv.invalidatedToken, platform: "messenger" });
    expect(r.json).toMatchObject({ error: { code: 190, error_subcode: 460, error_user_title: expect.any(String), error_user_msg: expect.any(String) } });
    // reconnecting (/me/accounts with the user token) hands out a fresh Page token
    const acc = await graph<{ data: Array<{ id: string; access_token: string }> }>(sim.url, "GET", `/me/accounts`, { access_token: sim.userToken });
    const fresh = acc.json.data.find((p) => p.id === velo)!.access_token;
    expect(fresh).not.toBe(inv.invalidatedToken);
    expect((await graph(sim.url, "GET", `/${velo}/conversations`, { access_token: fresh, platform: "messenger" })).status).toBe(200);

    await sim.control("POST", "/clock", { advanceDays: 61 });
    try {
      const expired = await graph(sim.url, "GET", `/me/accounts`, { access_token: sim.userToken });
      expect(expired.json).toMatchObject({ error: { code: 190, error_subcode: 463 } });
      expect((expired.json.error as { message: string }).message).toContain("Session has expired");
    } finally {
      await sim.control("POST", "/clock", { advanceDays: -61 });
    }
  });

  it("verifies appsecret_proof when present, requires it when configured", async () => {
    const t = sim.pageToken(maison);
    const proof = createHmac("sha256", APP_SECRET).update(t).digest("hex");
    expect((await graph(sim.url, "GET", `/${maison}`, { access_token: t, appsecret_proof: proof })).status).toBe(200);
    const bad = await graph(sim.url, "GET", `/${maison}`, { access_token: t, appsecret_proof: "00".repeat(32) });
    expect(bad.json).toMatchObject({ error: { code: 100, type: "GraphMethodException", message: "Invalid appsecret_proof provided in the API argument" } });
    await sim.control("POST", "/app", { requireAppsecretProof: true });
    try {
      const without = await graph(sim.url, "GET", `/${maison}`, { access_token: t });
      expect(without.json).toMatchObject({ error: { code: 100, message: "API calls from the server require an appsecret_proof argument" } });
      expect((await graph(sim.url, "GET", `/${maison}`, { access_token: t, appsecret_proof: proof })).status).toBe(200);
      // paging links carry the proof along
      const list = await graph<{ paging: { next: string } }>(sim.url, "GET", `/${maison}/conversations`, { access_token: t, appsecret_proof: proof, platform: "messenger", limit: 2 });
      expect(new URL(list.json.paging.next).searchParams.get("appsecret_proof")).toBe(proof);
      expect((await graph(sim.url, "GET", list.json.paging.next)).status).toBe(200);
      // a batch's proof covers its items
      const batch = await graph<Array<{ code: number }>>(sim.url, "POST", "/", { access_token: t, appsecret_proof: proof, batch: JSON.stringify([{ method: "GET", relative_url: maison }]) }, { form: true });
      expect(batch.json[0]!.code).toBe(200);
    } finally {
      await sim.control("POST", "/app", { requireAppsecretProof: false });
    }
  });

  it("debug_token with the app token describes a token", async () => {
    const r = await graph(sim.url, "GET", `/debug_token`, { access_token: `${APP_ID}|${APP_SECRET}`, input_token: sim.pageToken(maison) });
    expect(r.json).toMatchObject({ data: { app_id: APP_ID, type: "PAGE", is_valid: true, profile_id: maison } });
  });
});

describe("Connect a Page (OAuth dialog and code exchange)", () => {
  const redirectUri = "http://localhost:3000/api/meta/oauth/callback";

  it("renders the dialog, redirects with code and state, exchanges the code for a user token", async () => {
    const dialogUrl = `${sim.url}/v24.0/dialog/oauth?client_id=${APP_ID}&redirect_uri=${encodeURIComponent(redirectUri)}&state=xyz123&scope=${SCOPES}`;
    const page = await fetch(dialogUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Continue as Camille");
    expect(html).toContain("Maison Lumière");
    expect(html).toContain("Velo Rapido Bikes");
    expect(html).toContain(`name="page_${maison}"`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]!;
    expect(action).toBe("/v24.0/dialog/oauth/confirm");

    // grant only Maison Lumière
    const form = new URLSearchParams({ client_id: APP_ID, redirect_uri: redirectUri, state: "xyz123", scope: SCOPES, action: "continue", [`page_${maison}`]: "on" });
    const confirm = await fetch(`${sim.url}${action}`, { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(confirm.status).toBe(302);
    const loc = new URL(confirm.headers.get("location")!);
    expect(`${loc.origin}${loc.pathname}`).toBe(redirectUri);
    expect(loc.searchParams.get("state")).toBe("xyz123");
    const code = loc.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const wrongSecret = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: "nope", redirect_uri: redirectUri, code });
    expect(wrongSecret.json).toMatchObject({ error: { type: "OAuthException", message: "Error validating client secret." } });
    const wrongRedirect = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: "http://localhost:3000/other", code });
    expect(wrongRedirect.json).toMatchObject({ error: { code: 100, error_subcode: 36008 } });
    const wrongClient = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: "42", client_secret: APP_SECRET, redirect_uri: redirectUri, code });
    expect(wrongClient.json).toMatchObject({ error: { code: 101 } });
    const badCode = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: redirectUri, code: "AQnope" });
    expect(badCode.json).toMatchObject({ error: { code: 100, type: "OAuthException" } });

    const ok = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: redirectUri, code });
    expect(ok.json).toEqual({ access_token: expect.stringMatching(/^EAA/), token_type: "bearer", expires_in: expect.any(Number) });
    const reused = await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: redirectUri, code });
    expect(reused.json).toMatchObject({ error: { code: 100, error_subcode: 36009 } });

    const userToken = String(ok.json.access_token);
    const me = await graph(sim.url, "GET", `/me`, { access_token: userToken });
    expect(me.json).toEqual({ name: "Camille Martin", id: sim.sim.world.user.id });
    const accounts = await graph<{ data: Array<Record<string, unknown>> }>(sim.url, "GET", `/me/accounts`, { access_token: userToken, fields: "id,name,access_token,instagram_business_account{id,username}" });
    expect(accounts.json.data.map((p) => p.id)).toEqual([maison]);
    const pageToken = String(accounts.json.data[0]!.access_token);
    expect((await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: pageToken, platform: "instagram", limit: 1 })).status).toBe(200);
    // the not-granted Page is out of reach for this user token
    expect((await graph(sim.url, "GET", `/${velo}`, { access_token: userToken })).json).toMatchObject({ error: { code: 100, error_subcode: 33 } });
    // long-lived exchange
    const ll = await graph(sim.url, "GET", `/oauth/access_token`, { grant_type: "fb_exchange_token", client_id: APP_ID, client_secret: APP_SECRET, fb_exchange_token: userToken });
    expect(ll.json).toMatchObject({ token_type: "bearer", access_token: expect.any(String) });
  });

  it("Page tokens carry the scopes granted in the dialog: missing permissions answer code 200", async () => {
    const connect = async (scope: string) => {
      const form = new URLSearchParams({ client_id: APP_ID, redirect_uri: redirectUri, state: "s", scope, action: "continue", pages: "all" });
      const r = await fetch(`${sim.url}/v24.0/dialog/oauth/confirm`, { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
      const code = new URL(r.headers.get("location")!).searchParams.get("code")!;
      return String((await graph(sim.url, "GET", `/oauth/access_token`, { client_id: APP_ID, client_secret: APP_SECRET, redirect_uri: redirectUri, code })).json.access_token);
    };
    const noList = await connect("pages_messaging");
    expect((await graph(sim.url, "GET", `/me/accounts`, { access_token: noList })).json).toEqual({ data: [] });

    const messengerOnly = await connect("pages_show_list,pages_messaging,pages_manage_metadata,pages_read_engagement");
    const acc = await graph<{ data: Array<{ id: string; access_token: string }> }>(sim.url, "GET", `/me/accounts`, { access_token: messengerOnly });
    const pageToken = acc.json.data.find((p) => p.id === maison)!.access_token;
    expect(sim.sim.world.tokens.get(pageToken)!.scopes.sort()).toEqual(["pages_manage_metadata", "pages_messaging", "pages_read_engagement", "pages_show_list"]);
    expect((await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: pageToken, platform: "messenger", limit: 1 })).status).toBe(200);
    const igList = await graph(sim.url, "GET", `/${maison}/conversations`, { access_token: pageToken, platform: "instagram", limit: 1 });
    expect(igList.status).toBe(403);
    expect(igList.json).toMatchObject({ error: { code: 200, message: "(#200) Requires instagram_basic permission to manage the object" } });
    const igPerson = sim.sim.world.sortedConversations(sim.sim.world.pages.get(maison)!.igAccountId!)[0]!.contactId;
    const igSend = await graph(sim.url, "POST", `/me/messages`, { access_token: pageToken, recipient: { id: igPerson }, message: { text: "x" } });
    expect(igSend.json).toMatchObject({ error: { code: 200 } });
    // the same user token gets the same Page token again
    const again = await graph<{ data: Array<{ id: string; access_token: string }> }>(sim.url, "GET", `/me/accounts`, { access_token: messengerOnly });
    expect(again.json.data.find((p) => p.id === maison)!.access_token).toBe(pageToken);
    // invalidating the Page kills every token of it, including this one
    const inv = await sim.control<{ invalidatedTokens: string[] }>("POST", `/channels/${maison}/invalidate-token`);
    expect(inv.invalidatedTokens).toContain(pageToken);
    expect((await graph(sim.url, "GET", `/${maison}`, { access_token: pageToken })).json).toMatchObject({ error: { code: 190, error_subcode: 460 } });
  });

  it("cancel redirects with error=access_denied and the state; bad client_id shows an error page", async () => {
    const form = new URLSearchParams({ client_id: APP_ID, redirect_uri: redirectUri, state: "s1", action: "cancel" });
    const r = await fetch(`${sim.url}/dialog/oauth/confirm`, { method: "POST", body: form, redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" } });
    expect(r.status).toBe(302);
    const loc = new URL(r.headers.get("location")!);
    expect(Object.fromEntries(loc.searchParams)).toEqual({ error: "access_denied", error_code: "200", error_description: "Permissions error", error_reason: "user_denied", state: "s1" });
    const bad = await fetch(`${sim.url}/dialog/oauth?client_id=999&redirect_uri=${encodeURIComponent(redirectUri)}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Invalid App ID");
  });
});
