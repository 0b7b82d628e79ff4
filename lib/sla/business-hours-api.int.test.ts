// GET|PUT /api/admin/business-hours: admins write, every signed-in agent reads; bad input is a 400 naming
// the field and changes nothing; the change is audited.
import { NextRequest } from "next/server";
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, PUT } from "@/app/api/admin/business-hours/route";
import type { BusinessHoursView } from "@/lib/business-hours/business-hours-view";
import { db } from "@/lib/db";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { sessionCookie } from "@/scripts/testing/session-cookie";

beforeAll(() => {
  Object.assign(process.env, {
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: process.env.TOKEN_ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    META_APP_ID: process.env.META_APP_ID ?? "1517776481860111",
    META_APP_SECRET: process.env.META_APP_SECRET ?? "hours-test-secret",
    META_VERIFY_TOKEN: process.env.META_VERIFY_TOKEN ?? "hours-test-verify",
  });
});

const URL = "/api/admin/business-hours";
const request = (cookie: string, method: string, body?: unknown) =>
  new NextRequest(`http://inbox.test${URL}`, { method, headers: { cookie, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
const params = { params: Promise.resolve({}) };
type ErrorBody = { error: { code: string; details?: { fields?: Record<string, string[]> } } };

async function team() {
  const account = await createAccount();
  const admin = await createTestAgent(account.id, "ADMIN");
  const manager = await createTestAgent(account.id, "MANAGER");
  const agent = await createTestAgent(account.id, "AGENT");
  return {
    account,
    admin: (await sessionCookie(admin)).cookie,
    manager: (await sessionCookie(manager)).cookie,
    agent: (await sessionCookie(agent)).cookie,
  };
}

const valid = {
  timezone: "America/New_York",
  weekly: [
    { day: "MON", open: "09:00", close: "12:00" },
    { day: "mon", open: "13:00", close: "17:30" },
    { day: 5, open: "10:00", close: "24:00" },
  ],
  holidays: ["2026-12-25", "2026-12-24", "2026-12-25"],
  slaFirstResponseMinutes: 30,
  slaNextResponseMinutes: null,
  autoReply: { enabled: true, text: "  We're closed — back at 9.  " },
};

describe("/api/admin/business-hours", () => {
  it("admins save the week (day names or numbers), holidays, targets, auto-reply and zone; agents read it", async () => {
    const t = await team();
    const before = await GET(request(t.agent, "GET"), params);
    expect(before.status).toBe(200);
    expect(((await before.json()) as { businessHours: BusinessHoursView }).businessHours).toMatchObject({ configured: false, weekly: [], timezone: "Europe/Berlin" });

    const saved = await PUT(request(t.admin, "PUT", valid), params);
    expect(saved.status).toBe(200);
    const expected = {
      timezone: "America/New_York",
      configured: true,
      weekly: [
        { day: 1, open: "09:00", close: "12:00" },
        { day: 1, open: "13:00", close: "17:30" },
        { day: 5, open: "10:00", close: "24:00" },
      ],
      holidays: ["2026-12-24", "2026-12-25"],
      slaFirstResponseMinutes: 30,
      slaNextResponseMinutes: null,
      autoReply: { enabled: true, text: "We're closed — back at 9." },
    };
    expect(((await saved.json()) as { businessHours: BusinessHoursView }).businessHours).toEqual(expected);
    const read = await GET(request(t.agent, "GET"), params);
    expect(((await read.json()) as { businessHours: BusinessHoursView }).businessHours).toEqual(expected);
    expect((await db.account.findUniqueOrThrow({ where: { id: t.account.id } })).timezone).toBe("America/New_York");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { accountId: t.account.id, type: "business_hours.updated" } });
    expect(audit.data).toMatchObject({ before: { configured: false }, after: { configured: true, slaFirstResponseMinutes: 30 } });
  });

  it("refuses managers and agents (403) and changes nothing", async () => {
    const t = await team();
    expect((await PUT(request(t.manager, "PUT", valid), params)).status).toBe(403);
    expect((await PUT(request(t.agent, "PUT", valid), params)).status).toBe(403);
    expect(await db.businessHours.count({ where: { accountId: t.account.id } })).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a close before the open", { weekly: [{ day: 1, open: "18:00", close: "09:00" }] }, "weekly.0.close"],
    ["an hour past 23", { weekly: [{ day: 1, open: "25:00", close: "26:00" }] }, "weekly.0.open"],
    ["an unknown day", { weekly: [{ day: "FUNDAY", open: "09:00", close: "10:00" }] }, "weekly.0.day"],
    ["day 7", { weekly: [{ day: 7, open: "09:00", close: "10:00" }] }, "weekly.0.day"],
    ["overlapping hours", { weekly: [{ day: 2, open: "09:00", close: "13:00" }, { day: 2, open: "12:00", close: "18:00" }] }, "weekly.1.open"],
    ["a date that does not exist", { weekly: [], holidays: ["2026-02-30"] }, "holidays.0"],
    ["an unknown time zone", { weekly: [], timezone: "Mars/Olympus" }, "timezone"],
    ["a target of 0 minutes", { weekly: [], slaFirstResponseMinutes: 0 }, "slaFirstResponseMinutes"],
    ["a fractional target", { weekly: [], slaNextResponseMinutes: 1.5 }, "slaNextResponseMinutes"],
    ["an auto-reply on without text", { weekly: [], autoReply: { enabled: true, text: "  " } }, "autoReply.text"],
    ["an auto-reply over Instagram's 1000 bytes", { weekly: [], autoReply: { enabled: true, text: "é".repeat(501) } }, "autoReply.text"],
    ["no week at all", {}, "weekly"],
  ])("400 for %s, naming the field, and nothing changes", async (_name, input, field) => {
    const t = await team();
    const response = await PUT(request(t.admin, "PUT", input), params);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as ErrorBody;
    expect(error.code).toBe("invalid_request");
    expect(Object.keys(error.details?.fields ?? {})).toContain(field);
    expect(await db.businessHours.count({ where: { accountId: t.account.id } })).toBe(0);
  });

  it("401 without a session", async () => {
    expect((await GET(request("", "GET"), params)).status).toBe(401);
  });
});
