// The demo's automatic assignment: one Messenger Page assigns new conversations round-robin, and the agents who
// work it are ONLINE, so a message written from the simulator's customer page lands with Alex or Sam in turn.
// The other channels stay on manual assignment (OFF), for the contrast. Through the same commands the Channels
// page and the presence menu use (audited). Idempotent: once any channel of the account has a mode, nothing changes.
import { setAvailability } from "@/lib/assignment/set-availability";
import { setChannelAssignment } from "@/lib/assignment/set-channel-assignment";
import { toSessionAgent } from "@/lib/auth/session-agent";
import { db } from "@/lib/db";

export async function seedDemoAssignment(accountId: string): Promise<{ channelId: string; onlineAgentIds: string[] } | null> {
  if (await db.channel.count({ where: { accountId, assignmentMode: { not: "OFF" } } })) return null;
  const channel = await db.channel.findFirst({ where: { accountId, platform: "MESSENGER", disconnectedAt: null }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true } });
  if (!channel) return null;
  const admin = await db.agent.findFirstOrThrow({ where: { accountId, role: "ADMIN" }, orderBy: { createdAt: "asc" } });
  await setChannelAssignment({ actor: toSessionAgent(admin, "UTC"), channelId: channel.id, input: { mode: "ROUND_ROBIN", capacity: null } });
  const agents = await db.agent.findMany({ where: { accountId, role: "AGENT", active: true, memberships: { some: { channelId: channel.id } } }, orderBy: { email: "asc" } });
  for (const agent of agents) await setAvailability({ agent: toSessionAgent(agent, "UTC"), status: "ONLINE" });
  return { channelId: channel.id, onlineAgentIds: agents.map((a) => a.id) };
}
