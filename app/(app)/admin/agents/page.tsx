import type { Metadata } from "next";
import { AgentsAdmin } from "@/components/admin/agents-admin";
import { listAgents } from "@/lib/agents/list-agents";
import { ADMINS, requirePageAgent } from "@/lib/auth/session";
import { listChannels } from "@/lib/channels/list-channels";

export const metadata: Metadata = { title: "Team" };

export default async function AgentsPage() {
  const admin = await requirePageAgent(ADMINS);
  const [agents, channels] = await Promise.all([listAgents({ accountId: admin.accountId }), listChannels(admin)]);
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <AgentsAdmin initialAgents={agents} channels={channels} currentAgentId={admin.id} />
    </main>
  );
}
