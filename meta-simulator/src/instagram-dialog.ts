// Instagram Business Login's authorization window (www.instagram.com/oauth/authorize), served under the
// simulator's `/ig-www` prefix:
//   GET  /ig-www/oauth/authorize?client_id&redirect_uri&response_type=code&scope&state
//   POST /ig-www/oauth/authorize/confirm  → 302 redirect_uri?code=…&state=…#_   (or error=access_denied…)
// One login is one Instagram professional account: the person picks the account they log in with. Every
// professional account of the world can log in, with or without a linked Facebook Page.

import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, parseBody, readBody, sendHtml } from "./http-util";
import type { Simulator } from "./simulator";

/** Scopes of the Instagram API with Instagram Login (the `business_*` spellings ended on Jan 27 2025). */
export const INSTAGRAM_LOGIN_SCOPES = ["instagram_business_basic", "instagram_business_manage_messages", "instagram_business_manage_comments", "instagram_business_content_publish"] as const;

function errorPage(res: ServerResponse, title: string, detail: string): void {
  sendHtml(res, 400, page("Error", `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p class="muted">Meta Graph API simulator</p></div>`));
}

function redirectTo(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  u.hash = "_";
  return u.toString();
}

export async function handleInstagramDialog(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL, confirm: boolean): Promise<void> {
  let params: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (params[k] = v));
  if (confirm && req.method === "POST") {
    const body = parseBody(req.headers["content-type"], await readBody(req));
    for (const [k, v] of Object.entries(body.params)) if (typeof v === "string") params[k] = v;
  }
  params = { ...params };
  const app = sim.config.app;
  const clientId = params.client_id ?? "";
  const redirectUri = params.redirect_uri ?? "";
  if (clientId !== app.id) return errorPage(res, "Invalid app ID", `The provided app ID "${clientId}" is not a valid Instagram app ID.`);
  if (!redirectUri) return errorPage(res, "Missing redirect_uri", "The redirect_uri parameter is required.");
  try {
    new URL(redirectUri);
  } catch {
    return errorPage(res, "Invalid redirect_uri", "redirect_uri must be an absolute URL.");
  }
  const allowed = app.redirectUris;
  if (allowed.length > 0 && !allowed.some((p) => redirectUri.startsWith(p))) return errorPage(res, "Invalid redirect_uri", "The redirect_uri is not one of the app's valid OAuth redirect URIs.");
  if ((params.response_type ?? "code") !== "code") return errorPage(res, "Invalid response_type", "response_type must be code.");
  const scopes = (params.scope ?? "").split(/[\s,]+/).filter((s) => s !== "");
  const unknown = scopes.filter((s) => !(INSTAGRAM_LOGIN_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) return errorPage(res, "Invalid scope", `Invalid scope: ${unknown.join(", ")}`);
  if (!scopes.includes("instagram_business_basic")) return errorPage(res, "Invalid scope", "instagram_business_basic is required.");
  const state = params.state ?? "";
  const accounts = [...sim.world.igAccounts.values()];

  if (!confirm) {
    const rows = accounts
      .map((ig, i) => {
        const pageLinked = !sim.world.pages.get(ig.pageId)?.hidden;
        return `<label class="row"><input type="radio" name="account" value="${escapeHtml(ig.id)}"${i === 0 ? " checked" : ""}>
          <img src="/__cdn/avatar/${escapeHtml(ig.id)}.svg" alt=""><span><strong>@${escapeHtml(ig.username)}</strong>
          <small>${escapeHtml(ig.name)}${pageLinked ? " · linked to a Facebook Page" : " · no Facebook Page"}</small></span></label>`;
      })
      .join("\n");
    const hidden = Object.entries({ client_id: clientId, redirect_uri: redirectUri, state, scope: scopes.join(","), response_type: "code" })
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
      .join("");
    sendHtml(
      res,
      200,
      page(
        "Log in with Instagram",
        `<form class="card" method="post" action="/ig-www/oauth/authorize/confirm">
          <div class="brand">◎</div>
          <h1>Allow ${escapeHtml(app.name)} to access your Instagram account?</h1>
          <p class="muted">Choose the professional account to log in with.</p>
          <fieldset><legend>Instagram accounts</legend>${rows}</fieldset>
          ${scopes.length ? `<p class="muted small">Permissions: ${scopes.map(escapeHtml).join(", ")}</p>` : ""}
          ${hidden}
          <div class="buttons">
            <button type="submit" name="action" value="cancel" class="secondary">Not now</button>
            <button type="submit" name="action" value="allow" class="primary">Allow</button>
          </div>
          <p class="muted small">Meta Graph API simulator — no real Instagram account is used.</p>
        </form>`,
      ),
    );
    return;
  }

  if ((params.action ?? "allow") === "cancel") {
    res.writeHead(302, { location: redirectTo(redirectUri, { error: "access_denied", error_reason: "user_denied", error_description: "The user denied your request.", state }) });
    res.end();
    return;
  }
  const account = params.account ?? accounts[0]?.id ?? "";
  if (!sim.world.igAccounts.has(account)) return errorPage(res, "Unknown account", "Choose an Instagram professional account.");
  const code = sim.ids.oauthCode();
  sim.oauthCodes.set(code, { code, clientId, redirectUri, pageIds: [], scopes, createdAt: sim.now(), used: false, igAccountId: account });
  sim.touch();
  res.writeHead(302, { location: redirectTo(redirectUri, { code, state }) });
  res.end();
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#fafafa;color:#262626;display:flex;justify-content:center;padding:40px 12px}
  .card{background:#fff;border:1px solid #dbdbdb;border-radius:12px;padding:28px;max-width:440px;width:100%}
  .brand{width:44px;height:44px;border-radius:12px;background:linear-gradient(45deg,#f58529,#dd2a7b,#8134af);color:#fff;font:bold 28px/44px Helvetica,Arial,sans-serif;text-align:center;margin-bottom:8px}
  h1{font-size:20px;margin:6px 0}
  .muted{color:#737373}.small{font-size:12px}
  img{width:36px;height:36px;border-radius:50%}
  fieldset{border:1px solid #dbdbdb;border-radius:8px;padding:8px 12px;margin:12px 0}
  legend{padding:0 6px;color:#737373;font-size:13px}
  .row{display:flex;align-items:center;gap:10px;padding:8px 0;cursor:pointer}
  .row small{display:block;color:#737373}
  .buttons{display:flex;gap:10px;justify-content:flex-end;margin-top:16px}
  button{border:0;border-radius:8px;padding:10px 16px;font-size:15px;font-weight:600;cursor:pointer}
  .primary{background:#0095f6;color:#fff}.secondary{background:#efefef;color:#262626}
  button:focus-visible,input:focus-visible{outline:3px solid #0095f6;outline-offset:2px}
</style></head><body>${body}</body></html>`;
}
