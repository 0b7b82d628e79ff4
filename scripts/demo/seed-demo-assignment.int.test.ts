// The demo's round-robin channel: one Messenger Page, its agents ONLINE, audited;
// a second run changes nothing.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createAccount, createChannel, createTestAgent } from "@/scripts/testing/factories";
import { seedDemoAssignment } from "./seed-demo-assignment";

describe("seedDemoAssignment", () => {
  it("puts one Messenger Page on round-robin with its agents ONLINE, once", async () => {
    const account = await createAccount();
    await createTestAgent(account.id, "ADMIN");
    const insta = await createChannel(account.id, { platform: "INSTAGRAM", name: "a.insta" });
    const page = await createChannel(account.id, { platform: "MESSENGER", name: "Page B" });
    const other = await createChannel(account.id, { platform: "MESSENGER", name: "Page C" });
    const alex = await createTestAgent(account.id, "AGENT");
    const sam = await createTestAgent(account.id, "AGENT");
    const away = await createTestAgent(account.id, "AGENT"); // works only Instagram: stays OFFLINE
    await db.pageMembership.createMany({ data: [alex, sam].flatMap((a) => [page, other, insta].map((c) => ({ agentId: a.id, channelId: c.id }))).concat([{ agentId: away.id, channelId: insta.id }]) });

    const result = await seedDemoAssignment(account.id);
    expect(result?.channelId).toBe(page.id);
    const channels = await db.channel.findMany({ where: { accountId: account.id }, select: { id: true, assignmentMode: true } });
    expect(new Map(channels.map((c) => [c.id, c.assignmentMode]))).toEqual(new Map([[page.id, "ROUND_ROBIN"], [other.id, "OFF"], [insta.id, "OFF"]]));
    const agents = await db.agent.findMany({ where: { accountId: account.id, role: "AGENT" }, select: { id: true, availability: true } });
    expect(new Map(agents.map((a) => [a.id, a.availability]))).toEqual(new Map([[alex.id, "ONLINE"], [sam.id, "ONLINE"], [away.id, "OFFLINE"]]));
    expect(await db.auditEvent.count({ where: { accountId: account.id, type: { in: ["channel.assignment_set", "agent.availability_set"] } } })).toBe(3);

    expect(await seedDemoAssignment(account.id)).toBeNull();
    expect(await db.auditEvent.count({ where: { accountId: account.id, type: { in: ["channel.assignment_set", "agent.availability_set"] } } })).toBe(3);
  });
});
