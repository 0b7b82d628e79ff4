"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from "react";
import { cn } from "@/components/ui/cn";
import { contactDisplayName, type ShownConversation } from "@/lib/conversations/conversation-view";
import type { MessageView } from "@/lib/messages/message-view";
import { Composer, type ComposerSend, type TextLimits } from "./composer";
import { ContactPanel } from "./contact-panel";
import { CloseIcon } from "./icons";
import { findListedConversation } from "./inbox-cache";
import { SnoozeDialog } from "./snooze-dialog";
import { snoozeFacts, snoozeWindow } from "@/lib/conversations/snooze-options";

import { ThreadHeader } from "./thread-header";
import { ThreadMessages } from "./thread-messages";
import { useConversationActions } from "./use-conversation-actions";
import { useAssignableAgents, useChannels, useConversation, useNotes, useThreadMessages } from "./use-inbox-queries";
import { useLiveChannel } from "./use-live-channel";
import { usePendingSends, useSendMessage } from "./use-pending-sends";
import { usePresence } from "./use-presence";
import { presenceSentence } from "@/lib/presence/presence-view";

/** What keyboard shortcuts ask of the open conversation. */
export interface ThreadCommands {
  resolve: () => void;
  assignToMe: () => void;
}

/** The open conversation: header with work actions, the thread, the composer, and the contact panel. */
export function ThreadPane({
  conversationId,
  currentAgentId,
  currentAgentName,
  timeZone,
  live,
  headingRef,
  composerRef,
  commandsRef,
  limits,
  panelOpen,
  onTogglePanel,
  onClose,
}: {
  conversationId: string;
  currentAgentId: string;
  currentAgentName: string;
  timeZone: string;
  live: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  composerRef: RefObject<HTMLTextAreaElement | null>;
  commandsRef: RefObject<ThreadCommands | null>;
  limits: TextLimits;
  panelOpen: boolean;
  onTogglePanel: () => void;
  /** Leave the conversation: after "Mark unread" (so opening it does not read it again at once), and "Back" on phones. */
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const detail = useConversation(conversationId, live);
  const [listed] = useState(() => findListedConversation(queryClient, conversationId));
  const shown: ShownConversation | undefined = detail.data ?? listed;
  // The channel as it is now (realtime channel.updated): a Human Agent feature revoked or a token refused
  // while the thread is open changes its composer and its failed messages at once.
  const { conversation, channelState } = useLiveChannel(shown, useChannels().data);
  const thread = useThreadMessages(conversationId, live);
  const notes = useNotes(conversationId);
  const pending = usePendingSends(conversationId);
  const assignees = useAssignableAgents(conversationId, true);
  const actions = useConversationActions(conversationId, currentAgentId);
  const { send, retry, discard } = useSendMessage();
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [snoozeOpenedAt, setSnoozeOpenedAt] = useState<Date | null>(null);

  const messages = useMemo(() => [...(thread.data?.pages ?? [])].reverse().flatMap((p) => p.messages), [thread.data]);
  // The newest message the agent has in front of them (ISO strings of one format compare as times).
  const latestSeenAt = useMemo(() => messages.reduce<string | null>((max, m) => (max === null || m.recordedAt > max ? m.recordedAt : max), null), [messages]);
  const presence = usePresence(conversationId);

  // Opening an unread conversation reads it (for the whole team); so does a new message arriving while open.
  const unread = conversation?.unreadCount ?? 0;
  const markRead = actions.markRead.mutate;
  const markingRead = actions.markRead.isPending;
  // After "Mark unread" the agent is leaving the conversation: it must not read itself again on the way out.
  const keepUnread = useRef(false);
  useEffect(() => {
    if (unread > 0 && !markingRead && !keepUnread.current && document.visibilityState === "visible") markRead();
  }, [unread, markingRead, markRead]);

  const { status: statusMutation, assign, markUnread } = actions;
  const busy = statusMutation.isPending || assign.isPending || markUnread.isPending;
  const actionError = statusMutation.error?.message ?? assign.error?.message ?? markUnread.error?.message ?? null;

  const openSnooze = useCallback(() => {
    statusMutation.reset();
    setSnoozeOpenedAt(new Date());
  }, [statusMutation]);

  useEffect(() => {
    commandsRef.current = {
      resolve: () => {
        if (conversation && conversation.status !== "RESOLVED") statusMutation.mutate({ status: "RESOLVED" });
      },
      assignToMe: () => {
        if (conversation && conversation.assignee?.id !== currentAgentId) assign.mutate(currentAgentId);
      },
    };
    return () => {
      commandsRef.current = null;
    };
  }, [commandsRef, conversation, statusMutation, assign, currentAgentId]);

  const onReply = useCallback(
    (message: MessageView) => {
      setReplyTo(message);
      composerRef.current?.focus();
    },
    [composerRef],
  );
  const onRetryMessage = useCallback((id: string) => actions.retryMessage.mutate(id), [actions.retryMessage]);

  if (!conversation) {
    const missing = detail.isError && (detail.error as { status?: number }).status === 404;
    return (
      <section aria-label="Conversation" className="flex min-w-0 flex-1 items-center justify-center bg-slate-50 p-8">
        {missing ? (
          <div className="max-w-sm space-y-2 text-center">
            <h2 className="text-base font-semibold text-slate-900">This conversation is not available</h2>
            <p className="text-sm text-slate-600">It does not exist, or it belongs to a channel you do not work on.</p>
          </div>
        ) : detail.isError ? (
          <p role="alert" className="text-sm text-slate-700">
            The conversation could not be loaded. {detail.error.message}
          </p>
        ) : (
          <p role="status" className="text-sm text-slate-500">
            Loading conversation…
          </p>
        )}
      </section>
    );
  }

  const name = contactDisplayName(conversation.contact, conversation.channel.platform);
  return (
    <div className="relative flex min-w-0 flex-1">
      <section aria-label={`Conversation with ${name}`} className="flex min-w-0 flex-1 flex-col bg-slate-50">
        {/* Keyboard users reach the reply box without tabbing through the header and the thread. */}
        <a
          href={`#composer-${conversation.id}`}
          onClick={(e) => {
            e.preventDefault();
            composerRef.current?.focus();
          }}
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-brand focus:shadow-lg focus:ring-2 focus:ring-brand"
        >
          Skip to the reply box
        </a>
        <ThreadHeader
          conversation={conversation}
          currentAgentId={currentAgentId}
          headingRef={headingRef}
          assignees={assignees.data}
          busy={busy}
          error={snoozeOpenedAt ? null : actionError}
          timeZone={timeZone}
          panelOpen={panelOpen}
          presence={presenceSentence(presence.present)}
          onAssign={(assigneeId) => assign.mutate(assigneeId)}
          onResolve={() => statusMutation.mutate({ status: "RESOLVED" })}
          onReopen={() => statusMutation.mutate({ status: "OPEN" })}
          onSnooze={openSnooze}
          onMarkUnread={() => {
            keepUnread.current = true;
            markUnread.mutate(undefined, { onSuccess: onClose, onError: () => (keepUnread.current = false) });
          }}
          onTogglePanel={onTogglePanel}
          onBack={onClose}
        />
        <ThreadMessages
          messages={messages}
          notes={notes.data ?? []}
          pending={pending}
          hasOlder={thread.hasNextPage}
          loadingOlder={thread.isFetchingNextPage}
          loadOlder={() => void thread.fetchNextPage()}
          historyIncomplete={conversation.historyIncomplete ?? false}
          watermarks={{ contactDeliveredUpTo: conversation.contactDeliveredUpTo ?? null, contactReadUpTo: conversation.contactReadUpTo ?? null }}
          timeZone={timeZone}
          contactName={name}
          status={thread.status}
          onRetryLoad={() => void thread.refetch()}
          onReply={onReply}
          onRetryMessage={onRetryMessage}
          channelState={channelState}
          retryingMessageId={actions.retryMessage.isPending ? (actions.retryMessage.variables ?? null) : null}
          onRetrySend={(key) => void retry(key)}
          onDiscardSend={discard}
          ratings={conversation.csat}
        />
        <Composer
          conversation={conversation}
          contactName={name}
          agentId={currentAgentId}
          agentName={currentAgentName}
          textareaRef={composerRef}
          replyTo={replyTo}
          onClearReply={() => setReplyTo(null)}
          onSend={(s: ComposerSend) => send({ conversationId, ...s })}
          onAddNote={(body) => actions.addNote.mutateAsync(body)}
          limits={limits}
          channelState={channelState}
          latestSeenAt={latestSeenAt}
          threadLoaded={thread.status === "success"}
          onTyping={presence.typing}
          onStopTyping={presence.stopTyping}
          timeZone={timeZone}
          onLeave={() => headingRef.current?.focus()}
        />
      </section>
      <aside
        id="contact-panel"
        aria-label="Contact details"
        className={cn(
          "shrink-0 overflow-y-auto border-l border-slate-200 bg-white sm:w-64",
          // Phones: the details take the whole pane (list → thread → details), closed with the same button.
          panelOpen ? "absolute inset-0 z-20 w-full shadow-xl sm:inset-auto sm:inset-y-0 sm:right-0 xl:static xl:shadow-none" : "hidden xl:block",
        )}
      >
        {panelOpen ? (
          <div className="flex justify-end p-2 xl:hidden">
            <button type="button" onClick={onTogglePanel} className="rounded p-1 text-slate-500 hover:bg-slate-100" aria-label="Close contact details">
              <CloseIcon className="size-4" />
            </button>
          </div>
        ) : null}
        <ContactPanel conversation={conversation} timeZone={timeZone} />
      </aside>
      <SnoozeDialog
        key={snoozeOpenedAt?.getTime() ?? "closed"}
        openedAt={snoozeOpenedAt}
        window={snoozeOpenedAt ? snoozeWindow(snoozeFacts(conversation), snoozeOpenedAt) : { closesAt: null, standardEndsAt: null }}
        timeZone={timeZone}
        onClose={() => setSnoozeOpenedAt(null)}
        pending={statusMutation.isPending}
        error={snoozeOpenedAt ? (statusMutation.error?.message ?? null) : null}
        onSnooze={(until) => statusMutation.mutate({ status: "SNOOZED", snoozedUntil: until.toISOString() }, { onSuccess: () => setSnoozeOpenedAt(null) })}
      />
    </div>
  );
}
