// Connecting a pasted Page token that Meta refuses: a clear 400 and nothing stored, whatever the 190 variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { POST as connectRoute } from "@/app/api/admin/channels/route";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, type MetaTestEnv } from "@/scripts/testing/meta-test-env";
import { sessionCookie } from "@/scripts/testing/session-cookie";
import { connectChannelFromPageToken } from "./connect-channel-from-page-token";

let env: MetaTestEnv;

beforeAll(async () => {
  env = await startMetaTestEnv({ dataset: "demo" });
});
afterAll(async () => {
  await env?.close();
});

async function refusal(accountId: string, actorId: string, pageToken: string) {
  const before = { channels: await db.channel.count(), audit: await db.auditEvent.count(), jobs: await db.job.count() };
  const error = await connectChannelFromPageToken({ accountId, actorId, pageToken }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect({ channels: await db.channel.count(), audit: await db.auditEvent.count(), jobs: await db.job.count() }).toEqual(before);
  return error as AppError;
}

describe("pasting a Page token Meta answers with 190", () => {
  it("a token Meta cannot parse: 400 with the field, nothing stored", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const error = await refusal(account.id, admin.id, "EAAnot-a-real-token-at-all-0123456789");
    expect(error).toMatchObject({ status: 400, code: "invalid_request" });
    expect(error.message).toMatch(/Meta did not accept this token/);
    expect(error.message).not.toMatch(/EAA/);
  });

  it("a Page token Meta has invalidated: 400, nothing stored", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const [page] = (await simChannels(env.sim)).filter((c) => c.platform === "messenger");
    const token = env.sim.pageToken(page!.id);
    await env.sim.control("POST", `/channels/${page!.id}/invalidate-token`);
    const error = await refusal(account.id, admin.id, token);
    expect(error).toMatchObject({ status: 400, code: "invalid_request" });
  });
});

describe("POST /api/admin/channels with a pasted token Meta refuses", () => {
  it.each([
    ["garbage", "EAAnot-a-real-token-at-all-0123456789"],
    ["with a line break inside", "EAAAbCdEf0123456789\nXyZ0123456789abcdef"],
    ["with spaces and quotes", 'EAA token "with" spaces 0123456789'],
    ["non-ASCII", "EAAÄÖÜ-ünïcödé-tøkén-0123456789"],
    ["1000 characters", `EAA${"x".repeat(997)}`],
  ])("%s: 400, nothing stored", async (_name, pageToken) => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const { cookie } = await sessionCookie(admin);
    const before = await db.channel.count();
    const response = await connectRoute(
      new NextRequest("http://inbox.test/api/admin/channels", { method: "POST", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ pageToken }) }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_request");
    expect(await db.channel.count()).toBe(before);
  });
});
