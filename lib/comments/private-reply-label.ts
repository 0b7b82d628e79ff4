// What a comment shows of its private-reply allowance: "Private reply · 6 d 3 h left", "Replied privately by
// Alex 2 h ago", "Expired". The decision comes from the server (lib/policy/private-reply-policy.ts via the
// comments API); this only words it, counting down on the browser's clock. Pure.
import { formatRemaining } from "@/lib/conversations/window-countdown";
import type { CommentView } from "./comment-view";

export type PrivateReplyTone = "open" | "urgent" | "done" | "closed";

/** Under a day left is urgent. */
const URGENT_MS = 24 * 3_600_000;

export function privateReplyLabel(reply: CommentView["privateReply"], now: Date): { label: string; tone: PrivateReplyTone } {
  if (reply.sendStatus === "SENT" && reply.sentAt) {
    const ago = formatAgo(now.getTime() - new Date(reply.sentAt).getTime());
    return { label: `Replied privately${reply.agentName ? ` by ${reply.agentName}` : ""} ${ago}`, tone: "done" };
  }
  if (reply.sendStatus === "PENDING") return { label: "Private reply sending…", tone: "done" };
  if (reply.sendStatus === "FAILED") return { label: "Private reply failed", tone: "closed" };
  if (reply.reason === "OWN_COMMENT") return { label: "The Page's comment", tone: "closed" };
  if (reply.reason === "LIVE_ENDED") return { label: "Live ended", tone: "closed" };
  const left = reply.deadline ? new Date(reply.deadline).getTime() - now.getTime() : 0;
  if (!reply.allowed || left <= 0) return { label: "Expired", tone: "closed" };
  return { label: `Private reply · ${formatRemaining(left)} left`, tone: left < URGENT_MS ? "urgent" : "open" };
}

function formatAgo(ms: number): string {
  if (ms < 60_000) return "just now";
  return `${formatRemaining(ms).replace(/ 0 [hm]$/, "")} ago`;
}
