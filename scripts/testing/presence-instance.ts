// A second app instance in integration tests (lib/presence/record-presence.int.test.ts): a separate Node
// process with its own database pool records presence heartbeats of one agent's tab. Each line on stdin is
// a state (viewing, typing, left); each answer is one line of JSON (the others present).
// Run: node --conditions=react-server --import tsx scripts/testing/presence-instance.ts <agentId> <conversationId> <clientId>
import { createInterface } from "node:readline";
import { toSessionAgent } from "@/lib/auth/session-agent";
import { db } from "@/lib/db";
import { recordPresence, type PresenceState } from "@/lib/presence/record-presence";

const [agentId, conversationId, clientId] = process.argv.slice(2) as [string, string, string];
const row = await db.agent.findUniqueOrThrow({ where: { id: agentId } });
const agent = toSessionAgent(row, "UTC");
process.stdout.write("ready\n");
for await (const line of createInterface({ input: process.stdin })) {
  const present = await recordPresence({ agent, conversationId, clientId, state: line.trim() as PresenceState });
  process.stdout.write(`${JSON.stringify(present)}\n`);
}
await db.$disconnect();
