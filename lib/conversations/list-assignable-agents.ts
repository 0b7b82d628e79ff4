import "server-only";
import { channelScopeFilter } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireId } from "./conversation-id";

export interface AssignableAgent {
  id: string;
  name: string;
  role: "AGENT" | "MANAGER" | "ADMIN";
}

/**
 * Who a conversation can be assigned to (the reassign picker): active members of the account who see its
 * channel — managers and admins, and agents who work the channel. The same rule assignConversation enforces.
 */
export async function listAssignableAgents({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<AssignableAgent[]> {
  requireId(conversationId);
  const scope = await channelScopeFilter(agent);
  const conversation = await db.conversation.findFirst({ where: { ...scope, id: conversationId }, select: { channelId: true } });
  if (!conversation) throw AppError.notFound("Conversation");
  return db.agent.findMany({
    where: {
      accountId: agent.accountId,
      active: true,
      OR: [{ role: { in: ["MANAGER", "ADMIN"] } }, { memberships: { some: { channelId: conversation.channelId } } }],
    },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}
