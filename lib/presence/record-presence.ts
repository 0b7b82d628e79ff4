import "server-only";
import { accessibleChannelIds } from "@/lib/access/accessible-channel-ids";
import type { SessionAgent } from "@/lib/auth/session";
import { requireId } from "@/lib/conversations/conversation-id";
import { db, type Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishRealtime } from "@/lib/realtime/publish";
import { othersPresent, PRESENCE_TTL_MS, TYPING_TTL_MS, type PresentAgent } from "./presence-view";

export type PresenceState = "viewing" | "typing" | "left";

async function conversationInScope(agent: SessionAgent, conversationId: string): Promise<{ channelId: string }> {
  requireId(conversationId);
  const [conversation, channelIds] = await Promise.all([
    db.conversation.findFirst({ where: { id: conversationId, accountId: agent.accountId }, select: { channelId: true } }),
    accessibleChannelIds(agent),
  ]);
  if (!conversation || (channelIds && !channelIds.includes(conversation.channelId))) throw AppError.notFound("Conversation");
  return conversation;
}

async function presentIn(client: Pick<Tx, "$queryRaw">, conversationId: string, viewerId: string): Promise<PresentAgent[]> {
  const rows = await client.$queryRaw<{ agent_id: string; name: string; typing_until: Date | null; now: Date }[]>`
    SELECT p.agent_id, a.name, p.typing_until, now() AS now
      FROM conversation_presence p JOIN agents a ON a.id = p.agent_id
     WHERE p.conversation_id = ${conversationId}::uuid AND p.expires_at > now() AND a.active`;
  // The database's clock decides, as for expiry: app instances' clocks may differ.
  const now = rows[0]?.now ?? new Date();
  return othersPresent(rows.map((r) => ({ agentId: r.agent_id, agentName: r.name, typingUntil: r.typing_until })), viewerId, now);
}

/** The other agents who have the conversation open now (GET …/presence). */
export async function listPresence({ agent, conversationId }: { agent: SessionAgent; conversationId: string }): Promise<PresentAgent[]> {
  await conversationInScope(agent, conversationId);
  return presentIn(db, conversationId, agent.id);
}

/**
 * A tab's heartbeat (viewing / typing) or its goodbye (left). The row is shared by every app instance through
 * the database; a change others should see at once — a tab arriving, leaving, starting or stopping typing —
 * publishes `presence.changed` in the same transaction (NOTIFY: every instance's streams hear it). A plain
 * heartbeat only moves the expiry, silently. Answers with the others present, so a heartbeat also refreshes the
 * tab's own view (and shows when someone's tab vanished without a goodbye).
 */
export async function recordPresence({
  agent,
  conversationId,
  clientId,
  state,
}: {
  agent: SessionAgent;
  conversationId: string;
  clientId: string;
  state: PresenceState;
}): Promise<PresentAgent[]> {
  const { channelId } = await conversationInScope(agent, conversationId);
  return db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ typing: boolean }[]>`
      SELECT COALESCE(typing_until > now(), false) AS typing FROM conversation_presence
       WHERE conversation_id = ${conversationId}::uuid AND agent_id = ${agent.id}::uuid AND client_id = ${clientId} AND expires_at > now()
       FOR UPDATE`;
    let changed: boolean;
    if (state === "left") {
      const deleted = await tx.$executeRaw`
        DELETE FROM conversation_presence WHERE conversation_id = ${conversationId}::uuid AND agent_id = ${agent.id}::uuid AND client_id = ${clientId}`;
      changed = deleted > 0 && before !== undefined;
    } else {
      const typing = state === "typing";
      await tx.$executeRaw`
        INSERT INTO conversation_presence (conversation_id, agent_id, client_id, typing_until, expires_at, updated_at)
        VALUES (${conversationId}::uuid, ${agent.id}::uuid, ${clientId},
                CASE WHEN ${typing} THEN now() + make_interval(secs => ${TYPING_TTL_MS / 1000}) END,
                now() + make_interval(secs => ${PRESENCE_TTL_MS / 1000}), now())
        ON CONFLICT (conversation_id, agent_id, client_id) DO UPDATE
          SET typing_until = EXCLUDED.typing_until, expires_at = EXCLUDED.expires_at, updated_at = now()`;
      changed = before === undefined || before.typing !== typing;
    }
    if (changed) await publishRealtime([{ type: "presence.changed", accountId: agent.accountId, channelId, conversationId }], tx);
    return presentIn(tx, conversationId, agent.id);
  });
}

/** Rows whose tab stopped heartbeating long ago (a periodic chore; reads already ignore expired rows). */
export async function pruneExpiredPresence(): Promise<number> {
  return db.$executeRaw`DELETE FROM conversation_presence WHERE expires_at < now() - interval '1 minute'`;
}
