"use client";

// Not missing a customer: the tab title counts the conversations with unread messages in Mine and Unassigned
// ("(3) Conversations · Inbox"); a new message there can also chime and raise a desktop notification — both
// off until the agent turns them on (GET/PATCH /api/me/preferences, kept per agent on the server). The
// browser's notification permission is asked only from the Alerts panel's button, never on load.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef } from "react";
import { apiFetch } from "@/components/api-client";
import { contactDisplayName, type ConversationDetail } from "@/lib/conversations/conversation-view";
import { isNewMessageAlert, titleWithCount } from "@/lib/conversations/inbox-alerts";
import { DEFAULT_PREFERENCES, type AgentPreferences } from "@/lib/validations/preferences";
import { inboxKeys } from "./query-keys";

let audio: AudioContext | null = null;
/** Two soft notes (no file to load). Browsers allow sound only after the agent interacted with the page. */
function chime() {
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [i, frequency] of [880, 1320].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.15, start + i * 0.12 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.12 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.12);
      osc.stop(start + i * 0.12 + 0.32);
    }
  } catch {
    // No audio in this browser: the title count and notifications remain.
  }
}

export function usePreferences() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: inboxKeys.preferences(),
    queryFn: ({ signal }) => apiFetch<{ preferences: AgentPreferences }>("/api/me/preferences", { signal }).then((r) => r.preferences),
    staleTime: Infinity,
  });
  const update = useMutation({
    mutationFn: (patch: Partial<AgentPreferences>) =>
      apiFetch<{ preferences: AgentPreferences }>("/api/me/preferences", { method: "PATCH", json: patch }).then((r) => r.preferences),
    onSuccess: (preferences) => queryClient.setQueryData(inboxKeys.preferences(), preferences),
  });
  return { preferences: query.data ?? DEFAULT_PREFERENCES, loaded: query.isSuccess, update };
}

/** The tab title carries `count` (conversations with unread messages in Mine + Unassigned). */
export function useTitleCount(count: number) {
  // Next sets the page's title on navigation; the count is put back whenever the title loses it.
  useEffect(() => {
    const apply = () => {
      const wanted = titleWithCount(document.title, count);
      if (document.title !== wanted) document.title = wanted;
    };
    apply();
    const title = document.querySelector("title");
    const observer = new MutationObserver(apply);
    observer.observe(title ?? document.head, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = titleWithCount(document.title, 0);
    };
  }, [count]);
}

/** For useInboxRealtime: a chime and/or a desktop notification when a refetched conversation brings a new message. */
export function useNewMessageAlerts({
  agentId,
  openConversationId,
  preferences,
  onOpen,
}: {
  agentId: string;
  openConversationId: string | null;
  preferences: AgentPreferences;
  onOpen: (conversationId: string) => void;
}) {
  const latest = useRef({ preferences, openConversationId, onOpen });
  useEffect(() => {
    latest.current = { preferences, openConversationId, onOpen };
  }, [preferences, openConversationId, onOpen]);

  return useCallback(
    (conversation: ConversationDetail, previousUnread: number | null) => {
      if (!isNewMessageAlert(conversation, previousUnread, agentId)) return;
      const { preferences: prefs, openConversationId: openId, onOpen: open } = latest.current;
      const inFront = document.visibilityState === "visible" && document.hasFocus();
      // The agent is looking at this very thread: nothing to announce.
      if (inFront && openId === conversation.id) return;
      if (prefs.sound) chime();
      if (prefs.desktopNotifications && !inFront && typeof Notification !== "undefined" && Notification.permission === "granted") {
        const name = contactDisplayName(conversation.contact, conversation.channel.platform);
        const notification = new Notification(`New message from ${name}`, {
          body: conversation.lastMessagePreview ?? "",
          tag: `conversation-${conversation.id}`,
        });
        notification.onclick = () => {
          window.focus();
          open(conversation.id);
          notification.close();
        };
      }
    },
    [agentId],
  );
}
