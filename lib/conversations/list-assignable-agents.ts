import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requireId } from "./conversation-id";

export interface AssignableAgent {
  id: string;
  name: string;
  role: "AGENT" | "MANAGER" | "ADMIN";
}

/**
 * Who may be given a conversation of `channelId`: active members of the account who see that channel —
 * managers and admins, and agents who work it. The one rule of the reassign pickers (inbox and review) and
 * of assignConversation.
 */
export function assignableAgentWhere(accountId: string, channelId: string): Prisma.AgentWhereInput {
  return { accountId, active: true, OR: [{ role: { in: ["MANAGER", "ADMIN"] } }, { memberships: { some: { channelId } } }] };
}

/** Whether `assigneeId` may be given the conversation (see assignableAgentWhere). */
export async function isAssignable(tx: Tx, { accountId, channelId, assigneeId }: { accountId: string; channelId: string; assigneeId: string }): Promise<boolean> {
  return (await tx.agent.count({ where: { id: assigneeId, ...assignableAgentWhere(accountId, channelId) } })) > 0;
}

/** Who a conversation the agent may see can be assigned to (the reassign picker of the inbox and of review). */
export async function listAssignableAgents({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<AssignableAgent[]> {
  requireId(conversationId);
  const scope = await channelScopeFilter(agent);
  const conversation = await db.conversation.findFirst({ where: { ...scope, id: conversationId }, select: { channelId: true } });
  if (!conversation) throw AppError.notFound("Conversation");
  return db.agent.findMany({
    where: assignableAgentWhere(agent.accountId, conversation.channelId),
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
