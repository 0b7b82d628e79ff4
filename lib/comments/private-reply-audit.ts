import type { PrivateReplyDecisionAudit } from "@/lib/audit/record-audit-event";
import type { PrivateReplyDecision, PrivateReplyPolicyInput } from "@/lib/policy/private-reply-policy";

/** A private-reply decision with its inputs, as the audit log keeps it (enough to replay it). Pure. */
export function privateReplyAudit(commentId: string, input: PrivateReplyPolicyInput, decision: PrivateReplyDecision): PrivateReplyDecisionAudit {
  return {
    commentId,
    inputs: {
      commentCreatedAt: input.commentCreatedAt.toISOString(),
      byPage: input.byPage,
      privateReplySentAt: input.privateReplySentAt?.toISOString() ?? null,
      privateReplyPending: input.privateReplyPending,
      now: input.now.toISOString(),
    },
    decision: { allowed: decision.allowed, reason: decision.allowed ? null : decision.reason, deadline: decision.deadline?.toISOString() ?? null },
  };
}
