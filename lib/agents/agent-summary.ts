import type { Prisma } from "@/lib/generated/prisma/client";

/** What admin screens show about an agent (never the password hash). */
export const agentSummarySelect = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  lastSeenAt: true,
  createdAt: true,
  memberships: { select: { channelId: true } },
} satisfies Prisma.AgentSelect;

export type AgentSummaryRow = Prisma.AgentGetPayload<{ select: typeof agentSummarySelect }>;

export interface AgentSummary {
  id: string;
  name: string;
  email: string;
  role: "AGENT" | "MANAGER" | "ADMIN";
  active: boolean;
  lastSeenAt: string | null;
  createdAt: string;
  channelIds: string[];
}

export function toAgentSummary(row: AgentSummaryRow): AgentSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    channelIds: row.memberships.map((m) => m.channelId),
  };
}
