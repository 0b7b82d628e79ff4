// GET/PATCH /api/me/preferences through the route handlers, with real sessions: each agent reads and changes
// only their own settings; a bad patch is a 400 and changes nothing.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET, PATCH } from "@/app/api/me/preferences/route";
import { db } from "@/lib/db";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv } from "@/scripts/testing/meta-test-env";
import { sessionCookie } from "@/scripts/testing/session-cookie";

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

const URL = "http://inbox.test/api/me/preferences";
const context = { params: Promise.resolve({}) };
const get = (cookie: string) => GET(new NextRequest(URL, { headers: { cookie } }), context);
const patch = (cookie: string, body: unknown) =>
  PATCH(new NextRequest(URL, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify(body) }), context);

describe("/api/me/preferences", () => {
  it("off by default; a change is the agent's own, kept per agent, merged setting by setting", async () => {
    const account = await createAccount();
    const [alex, sam] = [await createTestAgent(account.id), await createTestAgent(account.id)];
    const [alexCookie, samCookie] = [(await sessionCookie(alex)).cookie, (await sessionCookie(sam)).cookie];
    expect(await (await get(alexCookie)).json()).toEqual({ preferences: { desktopNotifications: false, sound: false } });

    const changed = await patch(alexCookie, { sound: true });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({ preferences: { desktopNotifications: false, sound: true } });
    await patch(alexCookie, { desktopNotifications: true });
    expect(await (await get(alexCookie)).json()).toEqual({ preferences: { desktopNotifications: true, sound: true } });
    expect(await (await get(samCookie)).json()).toEqual({ preferences: { desktopNotifications: false, sound: false } });
  });

  it("unknown settings, wrong types or nothing to change: 400, nothing stored; signed out: 401", async () => {
    const account = await createAccount();
    const alex = await createTestAgent(account.id);
    const { cookie } = await sessionCookie(alex);
    for (const body of [{}, { sound: "on" }, { sound: true, theme: "dark" }, [], null]) {
      const response = await patch(cookie, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    }
    expect((await db.agent.findUniqueOrThrow({ where: { id: alex.id } })).preferences).toBeNull();
    expect((await get("authjs.session-token=nope")).status).toBe(401);
  });
});
