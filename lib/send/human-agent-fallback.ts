// Meta refused a RESPONSE as outside the 24-hour window although our policy still counted it inside
// (Meta's clock or its idea of the last opener differs from ours). REFERENCE.md §4: re-evaluate, and retry
// once with HUMAN_AGENT — only for human-written text, and only when the policy would allow the tag.
// Pure.
import { decideWindow, STANDARD_WINDOW_MS, type AllowedDecision, type WindowPolicyInput } from "@/lib/policy/window-policy";

/**
 * The policy's answer to "Meta says the standard window is over: may this go out as HUMAN_AGENT?" —
 * decided as if the standard window had ended (Meta says it has), with every other input unchanged, so the
 * 7-day deadline, the Human Agent feature and the human-sender rule apply exactly as for any send.
 * Returns null when the tag is not allowed.
 */
export function humanAgentFallback(input: WindowPolicyInput, message: { hasText: boolean }): AllowedDecision | null {
  if (!message.hasText || input.sender !== "HUMAN" || !input.lastInboundAt) return null;
  const standardOver = new Date(Math.max(input.now.getTime(), input.lastInboundAt.getTime() + STANDARD_WINDOW_MS));
  const decision = decideWindow({ ...input, now: standardOver });
  if (!decision.allowed || decision.tag !== "HUMAN_AGENT") return null;
  // The 7-day deadline is judged at the real time, never at the shifted one.
  if (input.now >= decision.deadline) return null;
  return { ...decision, hoursSinceInbound: decideWindow(input).hoursSinceInbound };
}
