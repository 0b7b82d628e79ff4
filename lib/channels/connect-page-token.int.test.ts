// Connecting a pasted Page token that Meta refuses: a clear 400 and nothing stored, whatever the 190 variant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createAccount, createTestAgent } from "@/scripts/testing/factories";
import { simChannels, startMetaTestEnv, type MetaTestEnv } from "@/scripts/testing/meta-test-env";
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
