import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { ReviewThreadView } from "@/components/review/review-thread-view";
import { MANAGERS, requirePageAgent } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getReviewThread } from "@/lib/review/get-review-thread";
import { listAssignableAgents } from "@/lib/review/list-assignable-agents";

export const metadata: Metadata = { title: "Thread review" };

export default async function ThreadReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const agent = await requirePageAgent(MANAGERS);
  const { id } = await params;
  if (!z.string().uuid().safeParse(id).success) notFound();
  const thread = await getReviewThread({ agent, conversationId: id, now: new Date() }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const assignees = await listAssignableAgents({ agent, channelId: thread.conversation.channel.id });
  return <ReviewThreadView initial={thread} assignees={assignees} timeZone={agent.timezone} />;
}
