import { describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/create-agent";
import { setAgentChannels } from "@/lib/agents/set-agent-channels";
import { updateAgent } from "@/lib/agents/update-agent";
import { verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";

const password = "long-enough-password";

describe("agents", () => {
  it("creates an agent with a scrypt hash, channels and an audit event", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const channel = await createChannel(account.id);
    const agent = await createAgent({
      accountId: account.id,
      actorId: admin.id,
      input: { name: "New Person", email: "new.person@test.invalid", role: "AGENT", password, channelIds: [channel.id] },
    });
    expect(agent.channelIds).toEqual([channel.id]);
    const stored = await db.agent.findUniqueOrThrow({ where: { id: agent.id }, omit: { passwordHash: false } });
    expect(stored.passwordHash).not.toContain(password);
    expect(await verifyPassword(password, stored.passwordHash)).toBe(true);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { accountId: account.id, type: "agent.created" } });
    expect(audit).toMatchObject({ actorId: admin.id, data: { agentId: agent.id, role: "AGENT" } });
  });

  it("refuses a duplicate email and channels of another account, changing nothing", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const foreign = await createChannel(other.id);
    const existing = await createTestAgent(account.id);
    await expect(
      createAgent({ accountId: account.id, actorId: null, input: { name: "Dup", email: existing.email, role: "AGENT", password, channelIds: [] } }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createAgent({ accountId: account.id, actorId: null, input: { name: "X", email: "x@test.invalid", role: "AGENT", password, channelIds: [foreign.id] } }),
    ).rejects.toMatchObject({ code: "invalid_request" });
    expect(await db.agent.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.agent.count({ where: { email: "x@test.invalid" } })).toBe(0);
  });

  it("bumps the session version on role, activation and password changes, not on a rename", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const agent = await createTestAgent(account.id);
    const version = async () => (await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).sessionVersion;
    const update = (input: Parameters<typeof updateAgent>[0]["input"]) =>
      updateAgent({ accountId: account.id, actorId: admin.id, agentId: agent.id, input });
    const start = await version();
    await update({ name: "Renamed" });
    expect(await version()).toBe(start);
    await update({ role: "MANAGER" });
    expect(await version()).toBe(start + 1);
    await update({ role: "MANAGER" });
    expect(await version()).toBe(start + 1);
    await update({ active: false });
    expect(await version()).toBe(start + 2);
    await update({ password: "another-long-password" });
    expect(await version()).toBe(start + 3);
  });

  it("never leaves an account without an active admin", async () => {
    const account = await createAccount();
    const admin = await createTestAgent(account.id, "ADMIN");
    const demote = updateAgent({ accountId: account.id, actorId: admin.id, agentId: admin.id, input: { role: "AGENT" } });
    await expect(demote).rejects.toBeInstanceOf(AppError);
    await expect(
      updateAgent({ accountId: account.id, actorId: admin.id, agentId: admin.id, input: { active: false } }),
    ).rejects.toMatchObject({ code: "conflict" });
    const second = await createTestAgent(account.id, "ADMIN");
    await updateAgent({ accountId: account.id, actorId: second.id, agentId: admin.id, input: { role: "AGENT" } });
    expect((await db.agent.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("AGENT");
  });

  it("cannot touch an agent of another account", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const stranger = await createTestAgent(other.id);
    await expect(
      updateAgent({ accountId: account.id, actorId: null, agentId: stranger.id, input: { active: false } }),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(setAgentChannels({ accountId: account.id, actorId: null, agentId: stranger.id, channelIds: [] })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await db.agent.findUniqueOrThrow({ where: { id: stranger.id } })).active).toBe(true);
  });

  it("replaces the set of channels", async () => {
    const account = await createAccount();
    const [a, b, c] = await Promise.all([createChannel(account.id), createChannel(account.id), createChannel(account.id)]);
    const agent = await createTestAgent(account.id);
    await setAgentChannels({ accountId: account.id, actorId: null, agentId: agent.id, channelIds: [a.id, b.id] });
    const result = await setAgentChannels({ accountId: account.id, actorId: null, agentId: agent.id, channelIds: [b.id, c.id, c.id] });
    expect(result.channelIds.sort()).toEqual([b.id, c.id].sort());
  });
});
