// The audit record of one window-policy evaluation: its inputs (enough to replay decideWindow) and its
// outcome, in the shape `send.allowed` / `send.blocked` carry (lib/audit/record-audit-event.ts). Pure.
import type { SendDecisionAudit } from "@/lib/audit/record-audit-event";
import type { WindowDecision, WindowPolicyInput } from "@/lib/policy/window-policy";

export function sendDecisionAudit(input: WindowPolicyInput, decision: WindowDecision): SendDecisionAudit {
  return {
    inputs: {
      platform: input.platform,
      lastInboundAt: input.lastInboundAt?.toISOString() ?? null,
      lastInboundKind: input.lastInboundKind,
      now: input.now.toISOString(),
      sender: input.sender,
      humanAgentEnabled: input.humanAgentEnabled,
    },
    decision: {
      allowed: decision.allowed,
      reason: decision.reason,
      stage: decision.stage,
      messagingType: decision.messagingType,
      tag: decision.tag,
      deadline: decision.deadline?.toISOString() ?? null,
      hoursSinceInbound: decision.hoursSinceInbound,
    },
  };
}

/** The 422 body's `details` when the policy blocks a send (the composer shows reason and deadline). */
export function windowClosedDetails(decision: WindowDecision) {
  return {
    reason: decision.reason,
    deadline: decision.deadline?.toISOString() ?? null,
    stage: decision.stage,
    hoursSinceInbound: decision.hoursSinceInbound,
    standardWindowEndsAt: decision.standardWindowEndsAt?.toISOString() ?? null,
    humanAgentWindowEndsAt: decision.humanAgentWindowEndsAt?.toISOString() ?? null,
  };
}
