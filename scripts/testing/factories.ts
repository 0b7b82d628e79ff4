// Test data builders for integration tests: each test creates its own account, so tests never depend on
// each other's rows. Passwords use cheap scrypt parameters (the hash format is what matters here).
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { toSessionAgent, type SessionAgent } from "@/lib/auth/session";
import { db } from "@/lib/db";
import type { AgentRole, Platform } from "@/lib/generated/prisma/client";

const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };
let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 4)}`;

export async function createAccount(name = "Test account") {
  return db.account.create({ data: { name: `${name} ${unique()}`, timezone: "Europe/Berlin" } });
}

export async function createTestAgent(accountId: string, role: AgentRole = "AGENT", options: { password?: string; active?: boolean } = {}) {
  const agent = await db.agent.create({
    data: {
      accountId,
      role,
      name: `${role.toLowerCase()} ${unique()}`,
      email: `${role.toLowerCase()}-${unique()}@test.invalid`,
      passwordHash: await hashPassword(options.password ?? "a-test-password", FAST_SCRYPT),
      active: options.active ?? true,
    },
  });
  return agent;
}

export function asSession(agent: Parameters<typeof toSessionAgent>[0]): SessionAgent {
  return toSessionAgent(agent, "Europe/Berlin");
}

export async function createChannel(accountId: string, options: { platform?: Platform; humanAgentEnabled?: boolean; name?: string } = {}) {
  const metaId = String(1e15 + Math.floor(Math.random() * 1e14));
  return db.channel.create({
    data: {
      accountId,
      platform: options.platform ?? "MESSENGER",
      metaId,
      pageMetaId: metaId,
      name: options.name ?? `Page ${unique()}`,
      humanAgentEnabled: options.humanAgentEnabled ?? true,
    },
  });
}

/** A conversation whose last inbound message was `hoursAgo` hours ago (Meta time). */
export async function createConversation(channel: { id: string; accountId: string }, options: { hoursAgo?: number; name?: string; text?: string } = {}) {
  const at = new Date(Date.now() - (options.hoursAgo ?? 1) * 3_600_000);
  const contact = await db.contact.create({
    data: { accountId: channel.accountId, channelId: channel.id, platformUserId: `PSID${unique()}`, name: options.name ?? `Person ${unique()}` },
  });
  return db.conversation.create({
    data: {
      accountId: channel.accountId,
      channelId: channel.id,
      contactId: contact.id,
      metaThreadId: `t_${unique()}`,
      lastInboundAt: at,
      lastInboundKind: "MESSAGE",
      lastMessageAt: at,
      lastMessagePreview: options.text ?? "Hello",
      lastMessageDirection: "INBOUND",
      unreadCount: 1,
      messages: {
        create: {
          accountId: channel.accountId,
          channelId: channel.id,
          mid: `m_${unique()}`,
          direction: "INBOUND",
          senderKind: "CONTACT",
          text: options.text ?? "Hello",
          sentAt: at,
        },
      },
    },
  });
}

/** An account with one channel, one conversation on it, and an agent who works that channel. */
export async function createWorkedConversation(options: { hoursAgo?: number; role?: AgentRole } = {}) {
  const account = await createAccount();
  const channel = await createChannel(account.id);
  const conversation = await createConversation(channel, { hoursAgo: options.hoursAgo });
  const agentRow = await createTestAgent(account.id, options.role ?? "AGENT");
  await db.pageMembership.create({ data: { agentId: agentRow.id, channelId: channel.id } });
  return { account, channel, conversation, agentRow, agent: asSession(agentRow) };
}
