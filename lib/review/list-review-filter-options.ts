import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { assertReviewer } from "./assert-reviewer";

export interface ReviewFilterOptions {
  agents: { id: string; name: string; active: boolean }[];
  channels: { id: string; name: string; platform: "MESSENGER" | "INSTAGRAM" }[];
  labels: { id: string; name: string }[];
}

/** The agents, channels and labels the review filters and report filters offer (every channel of the account). */
export async function listReviewFilterOptions({ agent }: { agent: SessionAgent }): Promise<ReviewFilterOptions> {
  assertReviewer(agent);
  const [agents, channels, labels] = await Promise.all([
    db.agent.findMany({ where: { accountId: agent.accountId }, select: { id: true, name: true, active: true }, orderBy: [{ active: "desc" }, { name: "asc" }] }),
    db.channel.findMany({ where: { accountId: agent.accountId }, select: { id: true, name: true, platform: true }, orderBy: [{ platform: "asc" }, { name: "asc" }] }),
    db.label.findMany({ where: { accountId: agent.accountId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { agents, channels, labels };
}
