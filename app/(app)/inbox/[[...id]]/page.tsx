import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { InboxApp } from "@/components/inbox/inbox-app";
import { inboxKeys } from "@/components/inbox/query-keys";
import { requirePageAgent } from "@/lib/auth/session";
import { listChannels } from "@/lib/channels/list-channels";
import { countFolders } from "@/lib/conversations/count-unread-by-folder";
import { getConversation } from "@/lib/conversations/get-conversation";
import { readInboxView } from "@/lib/conversations/inbox-view";
import { listConversationMessages } from "@/lib/conversations/list-conversation-messages";
import { listConversations } from "@/lib/conversations/list-conversations";
import { AppError } from "@/lib/errors";
import { listNotes } from "@/lib/notes/list-notes";
import { INSTAGRAM_TEXT_LIMIT_BYTES, MESSENGER_TEXT_LIMIT } from "@/lib/messages/outbound-rules";
import { NOTE_MAX_LENGTH } from "@/lib/validations/notes";
import { getBusinessHours } from "@/lib/sla/get-business-hours";

export const metadata: Metadata = { title: "Conversations" };

const PAGE_SIZE = 50;

/** Not found or not the agent's: the client shows "not available" in the thread pane instead. */
function orNull<T>(promise: Promise<T>): Promise<T | null> {
  return promise.catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
}

/**
 * The inbox, rendered with its first data (list page, folder counts, channels, and the open conversation's
 * detail, newest messages and notes) so it is complete on first paint; the browser then keeps it live.
 */
export default async function InboxPage({
  params,
  searchParams,
}: {
  params: Promise<{ id?: string[] }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const agent = await requirePageAgent();
  const { id } = await params;
  if (id && id.length > 1) notFound();
  const conversationId = id?.[0] ?? null;
  const query = new URLSearchParams(Object.entries(await searchParams).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])));
  const view = readInboxView(query);
  const now = new Date();

  const filters = { channelId: view.channelId ?? undefined, platform: view.platform ?? undefined };
  const [page, counts, channels, conversation, thread, notes, businessHours] = await Promise.all([
    listConversations(agent, { folder: view.folder, ...filters, labelId: view.labelId ?? undefined, q: view.q ?? undefined, limit: PAGE_SIZE }, { now }),
    countFolders(agent, filters, { now }),
    listChannels(agent),
    conversationId ? orNull(getConversation({ agent, conversationId })) : null,
    conversationId ? orNull(listConversationMessages({ agent, conversationId, limit: PAGE_SIZE })) : null,
    conversationId ? orNull(listNotes({ agent, conversationId })) : null,
    getBusinessHours(agent.accountId),
  ]);

  const queryClient = new QueryClient();
  queryClient.setQueryData(inboxKeys.list(view), { pages: [page], pageParams: [null] });
  queryClient.setQueryData(inboxKeys.folderCounts(view), counts);
  queryClient.setQueryData(inboxKeys.channels(), channels);
  if (conversationId && conversation && thread && notes) {
    queryClient.setQueryData(inboxKeys.conversation(conversationId), conversation);
    queryClient.setQueryData(inboxKeys.thread(conversationId), { pages: [thread], pageParams: [null] });
    queryClient.setQueryData(inboxKeys.notes(conversationId), notes);
  }

  return (
    <main className="h-full">
      <HydrationBoundary state={dehydrate(queryClient)}>
        <InboxApp
          agent={{ id: agent.id, name: agent.name, timezone: agent.timezone }}
          serverNow={now.getTime()}
          businessHours={businessHours}
          limits={{ messenger: MESSENGER_TEXT_LIMIT, instagram: INSTAGRAM_TEXT_LIMIT_BYTES, note: NOTE_MAX_LENGTH }}
        />
      </HydrationBoundary>
    </main>
  );
}
