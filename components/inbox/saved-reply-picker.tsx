"use client";

// The composer's `/` picker: typing `/` at the start of the reply or after a space opens the saved replies of
// this conversation's channel, searched as the agent types (lib/saved-replies/render-saved-reply.ts);
// ↑/↓ choose, Enter or Tab inserts the reply rendered for this person and agent, Esc closes
// (use-token-picker.ts). The inserted text stays editable; which saved reply was inserted is sent with the
// reply, and the server decides whether the agent changed it.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api-client";
import { renderSavedReply, repliesForChannel, searchSavedReplies, slashQueryAt, type SavedReplyContext } from "@/lib/saved-replies/render-saved-reply";
import type { SavedReplyView } from "@/lib/saved-replies/saved-reply-view";
import { TokenPickerList } from "./token-picker-list";
import { useTokenPicker, type PickerTextBox } from "./use-token-picker";

const MAX_SHOWN = 8;

export function useSavedReplies() {
  return useQuery({
    queryKey: ["inbox", "saved-replies"],
    queryFn: ({ signal }) => apiFetch<{ savedReplies: SavedReplyView[] }>("/api/saved-replies", { signal }).then((r) => r.savedReplies),
    staleTime: 60_000,
  });
}

/** The saved reply in the draft: its id and the text it was inserted as. */
export interface InsertedSavedReply {
  id: string;
  shortcut: string;
  rendered: string;
}

export function useSavedReplyPicker({ channelId, context, ...box }: PickerTextBox & { channelId: string; context: SavedReplyContext }) {
  const replies = useSavedReplies();
  const [inserted, setInserted] = useState<InsertedSavedReply | null>(null);
  const picker = useTokenPicker<SavedReplyView>({
    ...box,
    tokenAt: slashQueryAt,
    search: (query) => searchSavedReplies(repliesForChannel(replies.data ?? [], channelId), query).slice(0, MAX_SHOWN),
    insertionOf: (reply) => renderSavedReply(reply.text, context),
    onInserted: (reply, rendered) => setInserted({ id: reply.id, shortcut: reply.shortcut, rendered }),
    keyOf: (reply) => reply.id,
  });
  return { ...picker, loading: replies.isPending, inserted, clearInserted: () => setInserted(null) };
}

export function SavedReplyList({ id, picker, context }: { id: string; picker: ReturnType<typeof useSavedReplyPicker>; context: SavedReplyContext }) {
  return (
    <TokenPickerList id={id} label="Saved replies" picker={picker} empty={picker.loading ? "Loading saved replies…" : "No saved reply matches."}>
      {(reply) => (
        <>
          <span className="font-mono text-xs text-brand">/{reply.shortcut}</span> <span className="font-medium text-slate-900">{reply.name}</span>
          <span className="block truncate text-xs text-slate-600">{renderSavedReply(reply.text, context)}</span>
        </>
      )}
    </TokenPickerList>
  );
}
