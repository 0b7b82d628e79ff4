// Small HTTP helpers: body reading and parsing (JSON, form, multipart).

import type { IncomingMessage, ServerResponse } from "node:http";
import type { UploadedFile } from "./graph/context";

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit = 50 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new BodyTooLarge(`body larger than ${limit} bytes`);
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

export interface ParsedBody {
  params: Record<string, unknown>;
  files: UploadedFile[];
  invalidJson: boolean;
}

export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody {
  const ct = (contentType ?? "").toLowerCase();
  if (raw.length === 0) return { params: {}, files: [], invalidJson: false };
  if (ct.includes("application/json")) {
    try {
      const v: unknown = JSON.parse(raw.toString("utf8"));
      if (typeof v === "object" && v !== null && !Array.isArray(v)) return { params: v as Record<string, unknown>, files: [], invalidJson: false };
      return { params: {}, files: [], invalidJson: true };
    } catch {
      return { params: {}, files: [], invalidJson: true };
    }
  }
  if (ct.includes("multipart/form-data")) {
    const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const boundary = m ? (m[1] ?? m[2] ?? "").trim() : "";
    return { ...parseMultipart(raw, boundary), invalidJson: false };
  }
  const params: Record<string, unknown> = {};
  new URLSearchParams(raw.toString("utf8")).forEach((v, k) => (params[k] = v));
  return { params, files: [], invalidJson: false };
}

function parseMultipart(raw: Buffer, boundary: string): { params: Record<string, unknown>; files: UploadedFile[] } {
  const params: Record<string, unknown> = {};
  const files: UploadedFile[] = [];
  if (!boundary) return { params, files };
  const delim = Buffer.from(`--${boundary}`);
  let pos = raw.indexOf(delim);
  while (pos >= 0) {
    const start = pos + delim.length;
    if (raw.slice(start, start + 2).toString() === "--") break;
    const next = raw.indexOf(delim, start);
    if (next < 0) break;
    const part = raw.slice(start + 2, next - 2); // skip CRLF after delimiter and before next
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd >= 0) {
      const head = part.slice(0, headerEnd).toString("utf8");
      const data = part.slice(headerEnd + 4);
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      const ctype = /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim();
      if (name !== undefined) {
        if (filename !== undefined) files.push({ field: name, filename, contentType: ctype ?? "application/octet-stream", data });
        else params[name] = data.toString("utf8");
      }
    }
    pos = next;
  }
  return { params, files };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body, null, 0);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text);
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(html);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
