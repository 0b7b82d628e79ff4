// The simulator's stand-in for Meta's CDN: avatars (profile_pic, Page pictures) and message attachments.
//   /__cdn/avatar/<id>.svg       initials on a colour derived from the id
//   /__cdn/att/<attachment-id>/<name>   uploaded bytes, a redirect to the sender's URL, or a placeholder

import type { ServerResponse } from "node:http";
import { escapeHtml } from "./http-util";
import type { Simulator } from "./simulator";

const COLORS = ["#1877f2", "#e4405f", "#42b72a", "#f7b928", "#8a3ab9", "#0fb5ae", "#f5533d", "#6b7c93"];

function colorFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[h % COLORS.length] as string;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const chars = parts.length > 1 ? [...(parts[0] ?? "")][0]! + [...(parts[parts.length - 1] ?? "")][0]! : [...(parts[0] ?? "?")].slice(0, 2).join("");
  return chars.toUpperCase();
}

export function serveCdn(sim: Simulator, res: ServerResponse, path: string): void {
  const avatar = /^\/__cdn\/avatar\/([^/]+)\.svg$/.exec(path);
  if (avatar) {
    const id = decodeURIComponent(avatar[1] as string);
    const w = sim.world;
    const name =
      w.pages.get(id)?.name ?? w.igAccounts.get(id)?.name ?? (w.contacts.get(id) ? sim.contactName(w.contacts.get(id)!) : undefined) ?? (w.user.id === id ? w.user.name : undefined);
    if (!name) return notFound(res);
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200" viewBox="0 0 200 200"><rect width="200" height="200" fill="${colorFor(id)}"/><text x="100" y="100" dy=".35em" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="80" fill="#fff">${escapeHtml(initials(name))}</text></svg>`;
    res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
    res.end(svg);
    return;
  }
  const post = /^\/__cdn\/post\/([^/]+)(?:\/.*)?$/.exec(path);
  if (post) {
    const p = sim.world.posts.get(decodeURIComponent(post[1] as string));
    if (!p) return notFound(res);
    const label = escapeHtml((p.message ?? p.id).slice(0, 24));
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400"><rect width="400" height="400" fill="${colorFor(p.id)}"/><text x="200" y="200" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="22" fill="#fff">${label}</text></svg>`;
    res.writeHead(200, { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" });
    res.end(svg);
    return;
  }
  const att = /^\/__cdn\/att\/([^/]+)(?:\/.*)?$/.exec(path);
  if (att) {
    const id = decodeURIComponent(att[1] as string);
    const a = sim.world.attachments.get(id);
    const upload = a?.uploadId ? sim.world.uploads.get(a.uploadId) : sim.world.uploads.get(id);
    if (upload?.bytes) {
      res.writeHead(200, { "content-type": upload.mimeType, "content-length": String(Buffer.byteLength(upload.bytes, "base64")) });
      res.end(Buffer.from(upload.bytes, "base64"));
      return;
    }
    const source = a?.sourceUrl ?? upload?.sourceUrl;
    if (source) {
      res.writeHead(302, { location: source });
      res.end();
      return;
    }
    if (!a) return notFound(res);
    if (a.type === "image" || a.type === "sticker") {
      const label = a.type === "sticker" ? "👍" : escapeHtml(a.name);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${a.width ?? 400}" height="${a.height ?? 400}" viewBox="0 0 400 500"><rect width="400" height="500" fill="#dfe3ee"/><text x="200" y="250" text-anchor="middle" font-family="Helvetica,Arial,sans-serif" font-size="22" fill="#4b4f56">${label}</text></svg>`;
      res.writeHead(200, { "content-type": "image/svg+xml" });
      res.end(svg);
      return;
    }
    const body = Buffer.from(`simulated ${a.type} attachment: ${a.name}\n`);
    res.writeHead(200, { "content-type": a.mimeType, "content-length": String(body.length) });
    res.end(body);
    return;
  }
  notFound(res);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("not found");
}
