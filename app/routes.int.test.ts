// Every route handler of the app (found on disk, so a new route is walked without touching this file), called
// as every role and signed out, with malformed ids, bodies, queries and headers: none may answer 5xx. Bad
// input is a 4xx; nothing here names a real record, so nothing may change either.
import { readdirSync } from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createChannel, createConversation, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv } from "@/scripts/testing/meta-test-env";
import { sessionCookie } from "@/scripts/testing/session-cookie";

const APP_DIR = path.join(import.meta.dirname);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const ORIGIN = "http://inbox.test";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface RouteFile {
  file: string;
  /** Path segments; `[id]` → { param: "id" }, `[...x]` → { param: "x", catchAll: true }. */
  segments: ({ text: string } | { param: string; catchAll: boolean })[];
}

function routeFiles(dir = APP_DIR): RouteFile[] {
  const found: RouteFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== "route.ts") continue;
    const relative = path.relative(APP_DIR, path.join(entry.parentPath, entry.name));
    const segments = path
      .dirname(relative)
      .split(path.sep)
      // Route groups "(app)" are not part of the URL.
      .filter((s) => s !== "." && !/^\(.*\)$/.test(s))
      .map((s) => {
        const param = /^\[(\.\.\.)?(.+)\]$/.exec(s);
        return param ? { param: param[2]!, catchAll: Boolean(param[1]) } : { text: s };
      });
    found.push({ file: relative, segments });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

/** Values every route parameter is tried with: none names a record. */
const PARAM_VALUES = ["not-a-uuid", crypto.randomUUID(), "00000000-0000-0000-0000-00000000000g", "1 OR 1=1", "x".repeat(300), "a\u0000b", "..%2F..%2Fetc", "report.csv"];

const WRONG_TYPES = {
  text: 1,
  body: ["x"],
  attachments: "x",
  replyToMessageId: 5,
  status: { a: 1 },
  snoozedUntil: "never",
  assigneeId: 42,
  pageToken: 7,
  humanAgentEnabled: "yes",
  name: false,
  email: 3,
  role: "KING",
  password: 9,
  active: "no",
  channelIds: "all",
};
const NUL = {
  text: "hello\u0000world",
  body: "note\u0000",
  pageToken: "EAA\u0000" + "x".repeat(40),
  name: "A\u0000",
  email: "a\u0000@b.c",
  password: "p\u0000".repeat(6),
  status: "OPEN",
  assigneeId: null,
  humanAgentEnabled: true,
  channelIds: [],
};

interface BodyCase {
  name: string;
  body?: BodyInit;
  type?: string;
}
const BODIES: BodyCase[] = [
  { name: "no body" },
  { name: "empty object", body: "{}", type: "application/json" },
  { name: "invalid JSON", body: '{"text": "unterminated', type: "application/json" },
  { name: "JSON null", body: "null", type: "application/json" },
  { name: "JSON array", body: "[1,2,3]", type: "application/json" },
  { name: "JSON string", body: '"text"', type: "application/json" },
  { name: "wrong types", body: JSON.stringify(WRONG_TYPES), type: "application/json" },
  { name: "NUL characters", body: JSON.stringify(NUL), type: "application/json" },
  { name: "huge JSON", body: JSON.stringify({ text: "x".repeat(1_200_000), body: "y".repeat(10) }), type: "application/json" },
  { name: "deep JSON", body: "[".repeat(5000) + "]".repeat(5000), type: "application/json" },
  { name: "JSON as text/plain", body: JSON.stringify({ text: "hi" }), type: "text/plain" },
  { name: "garbage multipart", body: "--x\r\nnot really\r\n", type: "multipart/form-data; boundary=x" },
  { name: "multipart without boundary", body: "abc", type: "multipart/form-data" },
  { name: "form body", body: "text=hi&body=x", type: "application/x-www-form-urlencoded" },
];

const HEADER_CASES: { name: string; headers: Record<string, string> }[] = [
  { name: "plain", headers: {} },
  { name: "Origin null", headers: { origin: "null" } },
  { name: "foreign Origin", headers: { origin: "https://evil.example" } },
  { name: "garbage Origin", headers: { origin: "::::" } },
  { name: "garbage Idempotency-Key", headers: { "idempotency-key": "x" } },
  { name: "long Idempotency-Key", headers: { "idempotency-key": "k".repeat(5000) } },
];

const QUERY = "?folder=nope&channelId=zzz&platform=%00&q=a%00b&cursor=%FF%FE&before=garbage&limit=-1&from=2026-02-30&to=x&agentId=1&status=DONE&humanAgent=maybe&windowMissed=3d&hub.mode=subscribe&hub.verify_token=%00&hub.challenge=1";

function urlFor(route: RouteFile, value: string): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const parts = route.segments.map((s) => {
    if ("text" in s) return s.text;
    params[s.param] = s.catchAll ? [value] : value;
    return encodeURIComponent(value);
  });
  return { url: `${ORIGIN}/${parts.join("/")}`, params };
}

let cookies: Record<string, string | null>;

beforeAll(async () => {
  configureAppEnv("http://127.0.0.1:9");
  process.env.APP_URL = ORIGIN;
  const account = await createAccount();
  const channel = await createChannel(account.id);
  await createConversation(channel);
  const agent = await createTestAgent(account.id, "AGENT");
  await db.pageMembership.create({ data: { agentId: agent.id, channelId: channel.id } });
  cookies = {
    "signed out": null,
    agent: (await sessionCookie(agent)).cookie,
    manager: (await sessionCookie(await createTestAgent(account.id, "MANAGER"))).cookie,
    admin: (await sessionCookie(await createTestAgent(account.id, "ADMIN"))).cookie,
  };
});

const routes = routeFiles();

describe("walking every route", () => {
  it("finds the routes on disk", () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.map((r) => r.file)).toContain(path.join("api", "admin", "channels", "[id]", "route.ts"));
  });

  for (const route of routes) {
    it(`${route.file}: no 5xx for malformed input as any role`, async () => {
      const routeModule = (await import(/* @vite-ignore */ path.join(APP_DIR, route.file))) as Partial<Record<(typeof METHODS)[number], Handler>>;
      const failures: string[] = [];
      const before = await counts();
      for (const method of METHODS) {
        const handler = routeModule[method];
        if (!handler) continue;
        const values = route.segments.some((s) => "param" in s) ? PARAM_VALUES : [""];
        for (const [role, cookie] of Object.entries(cookies)) {
          for (const value of values) {
            const { url, params } = urlFor(route, value);
            const cases: { label: string; init: { body?: BodyInit; headers: Record<string, string> }; query: string }[] = [];
            for (const h of HEADER_CASES) cases.push({ label: h.name, init: { headers: h.headers }, query: "" });
            cases.push({ label: "malformed query", init: { headers: {} }, query: QUERY });
            if (method !== "GET") {
              for (const b of BODIES) cases.push({ label: `body: ${b.name}`, init: { body: b.body, headers: b.type ? { "content-type": b.type } : {} }, query: "" });
            }
            for (const c of cases) {
              const headers = new Headers({ host: "inbox.test", ...c.init.headers });
              if (cookie) headers.set("cookie", cookie);
              let status: number;
              try {
                const request = new NextRequest(url + c.query, { method, headers, body: c.init.body, signal: AbortSignal.timeout(10_000) });
                const response = await handler(request, { params: Promise.resolve(params) });
                status = response.status;
                await response.body?.cancel().catch(() => {});
              } catch (error) {
                failures.push(`${method} ${url}${c.query} as ${role} (${c.label}): threw ${(error as Error).message}`);
                continue;
              }
              if (status >= 500) failures.push(`${method} ${url.slice(0, 120)}${c.query ? " ?…" : ""} as ${role} (${c.label}): ${status}`);
            }
          }
        }
      }
      expect(failures).toEqual([]);
      expect(await counts()).toEqual(before);
    });
  }
});

/** Rows a malformed request could have created or removed. */
async function counts() {
  const [agents, channels, conversations, messages, notes, uploads, jobs] = await Promise.all([
    db.agent.count(),
    db.channel.count({ where: { disconnectedAt: null } }),
    db.conversation.count(),
    db.message.count(),
    db.note.count(),
    db.upload.count(),
    db.job.count(),
  ]);
  return { agents, channels, conversations, messages, notes, uploads, jobs };
}
