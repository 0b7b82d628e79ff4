"use client";

// Unsent text per conversation, kept in localStorage so a reload or switching threads never loses it.
// An external store: the server renders an empty composer, the browser then shows the stored draft.
import { useCallback, useSyncExternalStore } from "react";

const storageKey = (conversationId: string) => `inbox.draft.${conversationId}`;
const drafts = new Map<string, string>();
const listeners = new Set<() => void>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function readDraft(conversationId: string): string {
  let draft = drafts.get(conversationId);
  if (draft === undefined) {
    try {
      draft = window.localStorage.getItem(storageKey(conversationId)) ?? "";
    } catch {
      draft = "";
    }
    drafts.set(conversationId, draft);
  }
  return draft;
}

function persist(conversationId: string, text: string) {
  try {
    if (text) window.localStorage.setItem(storageKey(conversationId), text);
    else window.localStorage.removeItem(storageKey(conversationId));
  } catch {
    // Storage full or disabled: the draft lives only in memory.
  }
}

function writeDraft(conversationId: string, text: string) {
  drafts.set(conversationId, text);
  listeners.forEach((l) => l());
  clearTimeout(timers.get(conversationId));
  // A cleared draft (sent) is removed at once; typing is saved after a pause.
  if (!text) persist(conversationId, "");
  else timers.set(conversationId, setTimeout(() => persist(conversationId, text), 250));
}

export function useDraft(conversationId: string): [string, (text: string) => void] {
  const draft = useSyncExternalStore(
    subscribe,
    () => readDraft(conversationId),
    () => "",
  );
  const update = useCallback((text: string) => writeDraft(conversationId, text), [conversationId]);
  return [draft, update];
}

const confirmedKey = (conversationId: string) => `inbox.humanAgentConfirmed.${conversationId}`;

/** Whether the agent already confirmed, for this conversation, that their HUMAN_AGENT replies are written by a person. */
export function humanAgentConfirmed(conversationId: string): boolean {
  try {
    return window.localStorage.getItem(confirmedKey(conversationId)) === "1";
  } catch {
    return false;
  }
}

export function rememberHumanAgentConfirmed(conversationId: string): void {
  try {
    window.localStorage.setItem(confirmedKey(conversationId), "1");
  } catch {
    // Not remembered: the agent is asked again next time.
  }
}
