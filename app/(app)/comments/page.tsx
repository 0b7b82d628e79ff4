import type { Metadata } from "next";
import { CommentsApp } from "@/components/comments/comments-app";
import { requirePageAgent } from "@/lib/auth/session";
import { listComments } from "@/lib/comments/list-comments";

export const metadata: Metadata = { title: "Comments" };

export default async function CommentsPage() {
  const agent = await requirePageAgent();
  const now = new Date();
  const first = await listComments({ agent, status: "open", now });
  return <CommentsApp initial={first} serverNow={now.getTime()} />;
}
