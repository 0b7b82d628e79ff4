import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startBackfill } from "@/lib/sync/start-backfill";
import { asSession, createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";
import { configureAppEnv } from "@/scripts/testing/meta-test-env";
import { disconnectChannel } from "./disconnect-channel";
import { listAdminChannels } from "./list-admin-channels";
import { revokeHumanAgent } from "./revoke-human-agent";
import { setHumanAgent } from "./set-human-agent";

beforeAll(() => configureAppEnv("http://127.0.0.1:9"));

describe("channel administration", () => {
  it("the Human Agent toggle is set by admins and turned off (once) when Meta refuses the tag; both audited", async () => {
    const account = await createAccount();
    const admin = asSession(await createTestAgent(account.id, "ADMIN"));
    const channel = await createChannel(account.id, { humanAgentEnabled: false });
    await setHumanAgent({ actor: admin, channelId: channel.id, enabled: true });
    expect((await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).humanAgentEnabled).toBe(true);
    const refusal = { messageId: crypto.randomUUID(), code: 10, subcode: null, fbtraceId: "X" };
    await revokeHumanAgent(channel.id, refusal);
    await revokeHumanAgent(channel.id, refusal);
    expect((await db.channel.findUniqueOrThrow({ where: { id: channel.id } })).humanAgentEnabled).toBe(false);
    const audit = await db.auditEvent.findMany({
      where: { accountId: account.id, type: { in: ["channel.human_agent_set", "channel.human_agent_revoked"] } },
      orderBy: { createdAt: "asc" },
    });
    expect(audit.map((a) => [a.type, a.actorId])).toEqual([
      ["channel.human_agent_set", admin.id],
      ["channel.human_agent_revoked", null],
    ]);
    expect(audit[1]!.data).toEqual({ channelId: channel.id, ...refusal });
    const other = await createAccount();
    await expect(setHumanAgent({ actor: asSession(await createTestAgent(other.id, "ADMIN")), channelId: channel.id, enabled: true })).rejects.toMatchObject({ status: 404 });
  });

  it("disconnecting erases the token, cancels pending syncs and their jobs, and hides the channel; progress is listed for the others", async () => {
    const account = await createAccount();
    const admin = asSession(await createTestAgent(account.id, "ADMIN"));
    const gone = await createChannel(account.id);
    const kept = await createChannel(account.id);
    await db.channel.update({ where: { id: gone.id }, data: { accessTokenEncrypted: "v1.x.y.z" } });
    await startBackfill(gone.id);
    await startBackfill(kept.id);
    await disconnectChannel({ actor: admin, channelId: gone.id });
    const row = await db.channel.findUniqueOrThrow({ where: { id: gone.id }, omit: { accessTokenEncrypted: false } });
    expect(row.accessTokenEncrypted).toBeNull();
    expect(row.disconnectedAt).not.toBeNull();
    expect(await db.syncRun.findFirstOrThrow({ where: { channelId: gone.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.job.count({ where: { singletonKey: `backfill:${gone.id}` } })).toBe(0);
    expect(await db.job.count({ where: { singletonKey: `backfill:${kept.id}` } })).toBe(1);
    const listed = await listAdminChannels(account.id);
    expect(listed.map((c) => c.id)).toEqual([kept.id]);
    expect(listed[0]!.sync).toMatchObject({ kind: "BACKFILL", status: "QUEUED", done: 0, total: null });
    expect(JSON.stringify(listed)).not.toContain("accessToken");
    await expect(disconnectChannel({ actor: admin, channelId: gone.id })).rejects.toMatchObject({ status: 404 });
  });
});
