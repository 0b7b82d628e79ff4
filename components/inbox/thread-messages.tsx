"use client";

// The thread's timeline. Opens at the newest message, loads older pages when the agent scrolls to the top
// (keeping what they were reading in place), and follows new messages only while the agent is at the bottom.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "@/components/ui/button";
import { LoadError } from "@/components/ui/load-error";
import type { CsatRatingView } from "@/lib/conversations/conversation-view";
import { formatDateTime, formatDay } from "@/lib/conversations/format-time";
import { buildThreadItems, deliveryState, type PendingSend } from "@/lib/conversations/thread-items";
import type { MessageView } from "@/lib/messages/message-view";
import type { ChannelSendState } from "@/lib/messages/send-state";
import type { NoteView } from "@/lib/notes/note-view";
import { AlertIcon } from "./icons";
import { MessageItem, NoteItem, PendingItem, type MessageContext } from "./message-item";
import { useNow } from "./use-now";

const NEAR_BOTTOM_PX = 80;
/** A scroll this soon after a wheel, touch, key or pointer press on the thread is the agent's own. */
const USER_SCROLL_MS = 1_000;

export function ThreadMessages({
  messages,
  notes,
  pending,
  hasOlder,
  loadingOlder,
  loadOlder,
  historyIncomplete,
  watermarks,
  timeZone,
  contactName,
  status,
  onRetryLoad,
  onReply,
  onRetryMessage,
  retryingMessageId,
  channelState,
  onRetrySend,
  onDiscardSend,
  ratings,
}: {
  /** Satisfaction survey answers (system lines "Rated 4/5"). */
  ratings?: CsatRatingView[];
  messages: MessageView[];
  notes: NoteView[];
  pending: PendingSend[];
  hasOlder: boolean;
  loadingOlder: boolean;
  loadOlder: () => void;
  historyIncomplete: boolean;
  watermarks: { contactDeliveredUpTo: string | null; contactReadUpTo: string | null };
  timeZone: string;
  contactName: string;
  status: "pending" | "error" | "success";
  onRetryLoad: () => void;
  onReply: (message: MessageView) => void;
  onRetryMessage: (messageId: string) => void;
  retryingMessageId: string | null;
  /** The conversation's channel now: whether Retry can help a failed message depends on it. */
  channelState: ChannelSendState | null;
  onRetrySend: (key: string) => void;
  onDiscardSend: (key: string) => void;
}) {
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const items = useMemo(
    () => buildThreadItems({ messages, notes, pending, hasOlder, historyIncomplete, timeZone, ratings }),
    [messages, notes, pending, hasOlder, historyIncomplete, timeZone, ratings],
  );
  const context: MessageContext = useMemo(
    () => ({
      timeZone,
      contactName,
      byMid: new Map(messages.filter((m) => m.mid).map((m) => [m.mid!, m])),
      onReply,
      onRetry: onRetryMessage,
      retrying: retryingMessageId,
      channel: channelState,
    }),
    [timeZone, contactName, messages, onReply, onRetryMessage, retryingMessageId, channelState],
  );

  // Scroll bookkeeping between renders: where the agent was, and what the first and last entries were.
  const layout = useRef({ firstKey: "", lastKey: "", height: 0, top: 0, atBottom: true, initialised: false });
  const [atBottom, setAtBottom] = useState(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || items.length === 0) return;
    const state = layout.current;
    const firstKey = items[0]!.key;
    const lastKey = items.at(-1)!.key;
    if (!state.initialised) {
      el.scrollTop = el.scrollHeight;
      state.initialised = true;
    } else if (firstKey !== state.firstKey && lastKey === state.lastKey) {
      // Older messages were added above: keep the same message under the agent's eyes.
      el.scrollTop = state.top + (el.scrollHeight - state.height);
    } else if (lastKey !== state.lastKey && state.atBottom) {
      el.scrollTop = el.scrollHeight;
    }
    Object.assign(state, { firstKey, lastKey, height: el.scrollHeight, top: el.scrollTop });
  }, [items]);

  // Images and players change height as they load: while the agent is at the bottom, stay there.
  const content = useRef<HTMLOListElement>(null);
  // Roving focus over the per-message "Reply to this message" buttons: only one is in the Tab order (the
  // newest, until the agent moves), so Tab goes from the header to the composer in a few stops; ↑/↓ (and
  // Home/End) move between messages.
  useEffect(() => {
    const buttons = replyButtons(content.current);
    if (buttons.length > 0 && !buttons.some((b) => b.tabIndex === 0)) buttons.at(-1)!.tabIndex = 0;
  }, [items]);
  function moveReplyFocus(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (!target.matches("[data-reply-button]") || !["ArrowUp", "ArrowDown", "Home", "End"].includes(event.key)) return;
    const buttons = replyButtons(content.current);
    const from = buttons.indexOf(target as HTMLButtonElement);
    const to = event.key === "Home" ? 0 : event.key === "End" ? buttons.length - 1 : from + (event.key === "ArrowUp" ? -1 : 1);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, to))];
    if (!next) return;
    event.preventDefault();
    for (const b of buttons) b.tabIndex = b === next ? 0 : -1;
    next.focus();
  }

  useEffect(() => {
    const el = scroller.current;
    const list = content.current;
    if (!el || !list) return;
    const observer = new ResizeObserver(() => {
      const state = layout.current;
      if (state.atBottom) el.scrollTop = el.scrollHeight;
      Object.assign(state, { height: el.scrollHeight, top: el.scrollTop });
    });
    observer.observe(list);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Only the agent leaves the bottom: scrolls caused by layout (images loading, the browser's scroll
  // anchoring, the pane resizing) never stop the thread from following new messages.
  const lastIntent = useRef(0);
  const markIntent = () => {
    lastIntent.current = performance.now();
  };
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const bottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    const state = layout.current;
    Object.assign(state, { top: el.scrollTop, height: el.scrollHeight });
    if (bottom) state.atBottom = true;
    else if (performance.now() - lastIntent.current < USER_SCROLL_MS) state.atBottom = false;
    if (state.atBottom !== atBottom) setAtBottom(state.atBottom);
  };

  useEffect(() => {
    const sentinel = topSentinel.current;
    const root = scroller.current;
    if (!sentinel || !root || !hasOlder) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !loadingOlder) loadOlder();
    }, { root, rootMargin: "200px 0px 0px 0px" });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [hasOlder, loadingOlder, loadOlder]);

  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scroller}
        onScroll={onScroll}
        onWheel={markIntent}
        onTouchMove={markIntent}
        onPointerDown={markIntent}
        onKeyDown={(event) => {
          markIntent();
          moveReplyFocus(event);
        }}
        className="h-full overflow-y-auto bg-slate-50 px-4 py-3"
        aria-label={`Messages with ${contactName}`}
        role="log"
      >
        <div ref={topSentinel} aria-hidden="true" className="h-px" />
        {hasOlder ? (
          <p className="py-2 text-center text-xs text-slate-500" role="status">
            {loadingOlder ? "Loading earlier messages…" : "Scroll up for earlier messages"}
          </p>
        ) : null}
        {status === "pending" ? (
          <p className="py-10 text-center text-sm text-slate-500" role="status">
            Loading messages…
          </p>
        ) : null}
        {status === "error" && messages.length === 0 ? (
          <LoadError className="py-10" message="The messages could not be loaded." onRetry={onRetryLoad} />
        ) : null}
        <ol ref={content} className="space-y-3">
          {items.map((item) => {
            switch (item.kind) {
              case "history-marker":
                return (
                  <li key={item.key} className="flex justify-center">
                    <p className="inline-flex items-center gap-1.5 rounded-md bg-slate-200/70 px-3 py-1.5 text-xs text-slate-700">
                      <AlertIcon className="size-3.5" />
                      Earlier history is not available from Meta: only recent messages of this conversation could be imported.
                    </p>
                  </li>
                );
              case "day":
                return (
                  <li key={item.key} className="flex justify-center pt-2">
                    <span className="rounded-full bg-white px-2.5 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">
                      {formatDay(new Date(item.at), now, timeZone)}
                    </span>
                  </li>
                );
              case "message":
                return (
                  <li key={item.key}>
                    <MessageItem message={item.message} delivery={deliveryState(item.message, watermarks)} context={context} />
                  </li>
                );
              case "note":
                return (
                  <li key={item.key}>
                    <NoteItem note={item.note} timeZone={timeZone} />
                  </li>
                );
              case "csat":
                return (
                  <li key={item.key} className="flex justify-center">
                    <p className="max-w-md rounded-md bg-amber-50 px-3 py-1.5 text-center text-xs text-amber-950 ring-1 ring-amber-200">
                      <span className="font-semibold">Rated {item.rating.rating}/5</span> by the customer · {formatDateTime(new Date(item.rating.answeredAt), timeZone)}
                      {item.rating.comment ? <span className="block italic">“{item.rating.comment}”</span> : null}
                    </p>
                  </li>
                );
              case "pending":
                return (
                  <li key={item.key}>
                    <PendingItem send={item.send} onRetry={onRetrySend} onDiscard={onDiscardSend} />
                  </li>
                );
            }
          })}
        </ol>
      </div>
      {!atBottom ? (
        <Button
          variant="secondary"
          size="sm"
          className="absolute right-4 bottom-3 shadow-md"
          onClick={() => {
            layout.current.atBottom = true;
            scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: "smooth" });
          }}
        >
          Jump to latest
        </Button>
      ) : null}
    </div>
  );
}

function replyButtons(list: HTMLElement | null): HTMLButtonElement[] {
  return list ? Array.from(list.querySelectorAll<HTMLButtonElement>("button[data-reply-button]")) : [];
}
