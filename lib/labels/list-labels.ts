import "server-only";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { labelSelect, type LabelView } from "./label-view";

/** Every label of the agent's account, by name (labels are account-wide: every agent uses them). */
export async function listLabels(agent: Pick<SessionAgent, "accountId">): Promise<LabelView[]> {
  return db.label.findMany({ where: { accountId: agent.accountId }, select: labelSelect, orderBy: { name: "asc" } });
}
