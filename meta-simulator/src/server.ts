// The simulator's HTTP server: Graph API (any /vNN.N prefix or none), OAuth dialog, control API, CDN,
// customer page. Meta-escaped JSON for Graph answers.

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { join } from "node:path";
import { serveCdn } from "./cdn";
import { handleControl } from "./control";
import { Errors } from "./errors";
import { handleGraph, splitVersion } from "./graph/router";
import { BodyTooLarge, escapeHtml, parseBody, readBody, sendHtml } from "./http-util";
import { metaStringify } from "./meta-json";
import { instagramCodeExchange } from "./graph/instagram-login";
import { INSTAGRAM_GRAPH_PREFIX } from "./graph/context";
import { handleInstagramDialog } from "./instagram-dialog";
import { handleOAuthDialog } from "./oauth-dialog";
import type { Simulator } from "./simulator";

const CUSTOMER_HTML = readFileSync(join(import.meta.dirname, "customer.html"), "utf8");
const DIALOG_RE = /^(?:\/v\d+\.\d+)?\/dialog\/oauth(\/confirm)?\/?$/;
/** www.instagram.com's authorization window (Instagram Business Login), under `/ig-www`. */
const INSTAGRAM_DIALOG_RE = /^\/ig-www\/oauth\/authorize(\/confirm)?\/?$/;
/** api.instagram.com, under `/ig-api`. */
const INSTAGRAM_API_PREFIX = "/ig-api";

export interface SimServer {
  server: Server;
  /** Ends held (timeout-fault) sockets and SSE streams, then closes. */
  close(): Promise<void>;
}

export function createSimServer(sim: Simulator, opts: { stateFile: string | null }): SimServer {
  const held = new Set<Socket>();
  const heldTimers = new Set<NodeJS.Timeout>();
  const streams = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      sim.log(`request failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) {
        const status = e instanceof BodyTooLarge ? 413 : 500;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(metaStringify(Errors.unknownError().body(sim.fbtraceId())));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const path = url.pathname;
    const method = (req.method ?? "GET").toUpperCase();

    if (path === "/__control" || path.startsWith("/__control/")) return handleControl(sim, req, res, url, { stateFile: opts.stateFile, streams });
    if (path.startsWith("/__cdn/")) return serveCdn(sim, res, path);
    if (path === "/customer" || path === "/customer/") return sendHtml(res, 200, CUSTOMER_HTML);
    const dialog = DIALOG_RE.exec(path);
    if (dialog) return handleOAuthDialog(sim, req, res, url, dialog[1] !== undefined);
    const igDialog = INSTAGRAM_DIALOG_RE.exec(path);
    if (igDialog) return handleInstagramDialog(sim, req, res, url, igDialog[1] !== undefined);
    if (path === `${INSTAGRAM_API_PREFIX}/oauth/access_token` || path === `${INSTAGRAM_API_PREFIX}/oauth/access_token/`) {
      const parsed = parseBody(req.headers["content-type"], method === "POST" ? await readBody(req) : Buffer.alloc(0));
      const params: Record<string, unknown> = { ...parsed.params };
      url.searchParams.forEach((v, k) => (params[k] ??= v));
      const answer = method === "POST" ? instagramCodeExchange(sim, params) : { status: 405, body: { error_type: "OAuthException", code: 405, error_message: "POST is required" } };
      const text = metaStringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json; charset=UTF-8", "content-length": String(Buffer.byteLength(text)) });
      res.end(text);
      return;
    }
    if (path.startsWith(`${INSTAGRAM_API_PREFIX}/`)) {
      res.writeHead(404, { "content-type": "application/json; charset=UTF-8" });
      res.end(metaStringify({ error_type: "OAuthException", code: 404, error_message: "Unknown endpoint" }));
      return;
    }
    if (path === "/" && method === "GET" && !url.searchParams.has("access_token") && !url.searchParams.has("ids")) return sendHtml(res, 200, indexPage(sim));
    if (path === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }

    // ── Graph API (graph.facebook.com, or graph.instagram.com under /ig-graph) ──
    const instagram = path === INSTAGRAM_GRAPH_PREFIX || path.startsWith(`${INSTAGRAM_GRAPH_PREFIX}/`);
    const { version, path: graphPath } = splitVersion(instagram ? path.slice(INSTAGRAM_GRAPH_PREFIX.length) || "/" : path);
    const raw = method === "GET" || method === "HEAD" ? Buffer.alloc(0) : await readBody(req);
    const parsed = parseBody(req.headers["content-type"], raw);
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => (query[k] = v));
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    let effectiveMethod = method;
    // Graph accepts ?method=POST|DELETE on GET requests (used by some SDKs and for batch-like tooling).
    const override = query.method?.toUpperCase();
    if (method === "GET" && (override === "POST" || override === "DELETE")) effectiveMethod = override;
    if (parsed.invalidJson) {
      const body = Errors.paramInvalid("Invalid JSON in the request body").body(sim.fbtraceId());
      res.writeHead(400, { "content-type": "application/json; charset=UTF-8" });
      res.end(metaStringify(body));
      return;
    }
    const host = req.headers.host;
    const result = await handleGraph(sim, {
      method: effectiveMethod,
      path: graphPath,
      version,
      query,
      body: parsed.params,
      headers,
      via: "http",
      files: parsed.files,
      surface: instagram ? "instagram" : "facebook",
      ...(host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? { baseUrl: `http://${host}` } : {}),
    });
    if (result.hang) {
      // Timeout fault: the work is done but the answer never comes; the socket is destroyed later.
      const socket = req.socket;
      held.add(socket);
      const t = setTimeout(() => {
        heldTimers.delete(t);
        held.delete(socket);
        socket.destroy();
      }, sim.config.faults.timeoutHoldMs);
      heldTimers.add(t);
      socket.once("close", () => {
        clearTimeout(t);
        heldTimers.delete(t);
        held.delete(socket);
      });
      return;
    }
    const text = metaStringify(result.body);
    res.writeHead(result.status, { ...result.headers, "content-length": String(Buffer.byteLength(text)) });
    res.end(text);
  }

  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of heldTimers) clearTimeout(t);
        for (const s of held) s.destroy();
        for (const r of streams) r.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function indexPage(sim: Simulator): string {
  const base = escapeHtml(sim.baseUrl());
  const v = escapeHtml(sim.config.defaultVersion);
  const channels = [...sim.world.pages.values()]
    .filter((p) => !p.hidden)
    .map((p) => `<li>${escapeHtml(p.name)} — Page <code>${escapeHtml(p.id)}</code>${p.igAccountId ? `, Instagram <code>${escapeHtml(p.igAccountId)}</code>` : ""}${p.humanAgent ? "" : " (no Human Agent)"}</li>`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Meta Graph API simulator</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:760px;margin:40px auto;padding:0 16px;color:#1c1e21}code{background:#f0f2f5;padding:1px 4px;border-radius:4px}</style></head>
<body><h1>Meta Graph API simulator</h1>
<p>Graph base URL: <code>${base}</code> (any <code>/vNN.N</code> prefix, e.g. <code>${base}/${v}/me/accounts</code>)</p>
<ul>
<li><a href="/customer">Customer page</a> — play the customer</li>
<li><a href="/${v}/dialog/oauth?client_id=${escapeHtml(sim.config.app.id)}&amp;redirect_uri=${encodeURIComponent("http://localhost:3000/")}">OAuth dialog</a> (demo redirect)</li>
<li><a href="/__control">Control API</a> · <a href="/__control/summary">summary (tokens, channels)</a></li>
</ul>
<h2>Channels</h2><ul>${channels}</ul>
</body></html>`;
}
