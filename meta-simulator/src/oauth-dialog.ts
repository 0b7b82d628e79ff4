// A Facebook-Login-like dialog for the "Connect a Page" flow:
//   GET  /dialog/oauth?client_id&redirect_uri&state&scope   (also /vNN.N/dialog/oauth)
//   POST /dialog/oauth/confirm   → 302 redirect_uri?code=…&state=…#_=_   (or error=access_denied…)

import type { IncomingMessage, ServerResponse } from "node:http";
import { escapeHtml, parseBody, readBody, sendHtml } from "./http-util";
import type { Simulator } from "./simulator";

function errorPage(res: ServerResponse, title: string, detail: string): void {
  sendHtml(
    res,
    400,
    page(
      "Error",
      `<div class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p class="muted">Meta Graph API simulator</p></div>`,
    ),
  );
}

function redirectAllowed(sim: Simulator, uri: string): boolean {
  const allowed = sim.config.app.redirectUris;
  return allowed.length === 0 || allowed.some((p) => uri.startsWith(p));
}

function withParams(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  u.hash = "_=_";
  return u.toString();
}

export async function handleOAuthDialog(sim: Simulator, req: IncomingMessage, res: ServerResponse, url: URL, confirm: boolean): Promise<void> {
  let params: Record<string, string> = {};
  url.searchParams.forEach((v, k) => (params[k] = v));
  let pageIds: string[] = [];
  if (confirm && req.method === "POST") {
    const body = parseBody(req.headers["content-type"], await readBody(req));
    const p: Record<string, string> = {};
    for (const [k, v] of Object.entries(body.params)) if (typeof v === "string") p[k] = v;
    params = { ...params, ...p };
    pageIds = Object.keys(body.params)
      .filter((k) => k.startsWith("page_") && body.params[k] === "on")
      .map((k) => k.slice(5));
  }
  if (confirm && params.pages) {
    // Automation shortcut: pages=all or pages=<id>,<id>
    pageIds.push(...(params.pages === "all" ? [...sim.world.pages.values()].filter((p) => !p.hidden).map((p) => p.id) : params.pages.split(",").filter((s) => s !== "")));
  }
  const app = sim.config.app;
  const clientId = params.client_id ?? "";
  const redirectUri = params.redirect_uri ?? "";
  if (clientId !== app.id) return errorPage(res, "Invalid App ID", `The provided app ID "${clientId}" does not look like a valid app ID.`);
  if (!redirectUri) return errorPage(res, "Missing redirect_uri", "The redirect_uri parameter is required.");
  try {
    new URL(redirectUri);
  } catch {
    return errorPage(res, "Invalid redirect_uri", "redirect_uri must be an absolute URL.");
  }
  if (!redirectAllowed(sim, redirectUri)) {
    return errorPage(res, "URL blocked", "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.");
  }
  const state = params.state ?? "";
  const scopes = (params.scope ?? "").split(/[\s,]+/).filter((s) => s !== "");

  if (!confirm) {
    const pages = [...sim.world.pages.values()].filter((p) => !p.hidden);
    const user = sim.world.user;
    const rows = pages
      .map((p) => {
        const ig = p.igAccountId ? sim.world.igAccounts.get(p.igAccountId) : undefined;
        return `<label class="row"><input type="checkbox" name="page_${escapeHtml(p.id)}" checked>
          <img src="/__cdn/avatar/${escapeHtml(p.id)}.svg" alt=""><span><strong>${escapeHtml(p.name)}</strong>
          <small>${escapeHtml(p.category)}${ig ? ` · Instagram @${escapeHtml(ig.username)}` : ""}</small></span></label>`;
      })
      .join("\n");
    const hidden = Object.entries({ client_id: clientId, redirect_uri: redirectUri, state, scope: scopes.join(","), response_type: params.response_type ?? "code" })
      .map(([k, v]) => `<input type="hidden" name="${k}" value="${escapeHtml(v)}">`)
      .join("");
    const action = url.pathname.replace(/\/+$/, "") + "/confirm";
    sendHtml(
      res,
      200,
      page(
        `Log in with Facebook`,
        `<form class="card" method="post" action="${escapeHtml(action)}">
          <div class="brand">f</div>
          <h1>${escapeHtml(app.name)} is requesting access</h1>
          <p class="muted">Choose the Pages ${escapeHtml(app.name)} can use to manage messages.</p>
          <div class="user"><img src="/__cdn/avatar/${escapeHtml(user.id)}.svg" alt=""><span>Logged in as <strong>${escapeHtml(user.name)}</strong></span></div>
          <fieldset><legend>Pages</legend>${rows}</fieldset>
          ${scopes.length ? `<p class="muted small">Permissions: ${scopes.map(escapeHtml).join(", ")}</p>` : ""}
          ${hidden}
          <div class="buttons">
            <button type="submit" name="action" value="cancel" class="secondary">Cancel</button>
            <button type="submit" name="action" value="continue" class="primary">Continue as ${escapeHtml(user.firstName)}</button>
          </div>
          <p class="muted small">Meta Graph API simulator — no real Facebook account is used.</p>
        </form>`,
      ),
    );
    return;
  }

  if ((params.action ?? "continue") === "cancel") {
    res.writeHead(302, {
      location: withParams(redirectUri, { error: "access_denied", error_code: "200", error_description: "Permissions error", error_reason: "user_denied", state }),
    });
    res.end();
    return;
  }
  const known = pageIds.filter((id) => sim.world.pages.has(id) && !sim.world.pages.get(id)?.hidden);
  const code = sim.ids.oauthCode();
  sim.oauthCodes.set(code, { code, clientId, redirectUri, pageIds: known, scopes, createdAt: sim.now(), used: false });
  sim.touch();
  res.writeHead(302, { location: withParams(redirectUri, { code, state }) });
  res.end();
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f0f2f5;color:#1c1e21;display:flex;justify-content:center;padding:40px 12px}
  .card{background:#fff;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.12);padding:28px;max-width:440px;width:100%}
  .brand{width:44px;height:44px;border-radius:50%;background:#1877f2;color:#fff;font:bold 30px/44px Helvetica,Arial,sans-serif;text-align:center;margin-bottom:8px}
  h1{font-size:20px;margin:6px 0}
  .muted{color:#65676b}.small{font-size:12px}
  .user{display:flex;align-items:center;gap:10px;margin:14px 0;padding:10px;background:#f7f8fa;border-radius:8px}
  img{width:36px;height:36px;border-radius:50%}
  fieldset{border:1px solid #dddfe2;border-radius:8px;padding:8px 12px;margin:12px 0}
  legend{padding:0 6px;color:#65676b;font-size:13px}
  .row{display:flex;align-items:center;gap:10px;padding:8px 0;cursor:pointer}
  .row small{display:block;color:#65676b}
  .buttons{display:flex;gap:10px;justify-content:flex-end;margin-top:16px}
  button{border:0;border-radius:6px;padding:10px 16px;font-size:15px;font-weight:600;cursor:pointer}
  .primary{background:#1877f2;color:#fff}.secondary{background:#e4e6eb;color:#050505}
  button:focus-visible,input:focus-visible{outline:3px solid #1877f2;outline-offset:2px}
</style></head><body>${body}</body></html>`;
}
