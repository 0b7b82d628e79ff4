import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReviewThreadView } from "@/components/review/review-thread-view";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { listAssignableAgents } from "@/lib/conversations/list-assignable-agents";
import { AppError } from "@/lib/errors";
import { getReviewThread } from "@/lib/review/get-review-thread";
import { isUuid } from "@/lib/validations/uuid";

export const metadata: Metadata = { title: "Thread review" };

export default async function ThreadReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requirePageAgent(MANAGERS);
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const thread = await getReviewThread({ agent, conversationId: id, now: new Date() }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const assignees = await listAssignableAgents({ agent, conversationId: thread.conversation.id });
  return <ReviewThreadView initial={thread} assignees={assignees} timeZone={agent.timezone} />;
}
