"use client";

// The private note's `@` picker: typing `@` at the start of the note or after a blank lists the teammates who
// can see this conversation (those a mention notifies, lib/notes/add-note.ts), searched as the agent types;
// Enter or Tab inserts `@Full Name`, which the server reads back as that teammate (use-token-picker.ts).
import type { AssignableAgent } from "@/lib/conversations/list-assignable-agents";
import { mentionOf, mentionQueryAt, searchTeammates } from "@/lib/notes/note-mentions";
import { ROLE_LABELS } from "@/lib/validations/agents";
import { TokenPickerList } from "./token-picker-list";
import { useAssignableAgents } from "./use-inbox-queries";
import { useTokenPicker, type PickerTextBox } from "./use-token-picker";

const MAX_SHOWN = 8;

export function useMentionPicker({
  conversationId,
  agentId,
  ...box
}: PickerTextBox & {
  conversationId: string;
  /** The author: nobody mentions themselves. */
  agentId: string;
}) {
  const agents = useAssignableAgents(conversationId, box.enabled);
  const teammates = (agents.data ?? []).filter((a) => a.id !== agentId);
  const picker = useTokenPicker<AssignableAgent>({
    ...box,
    tokenAt: mentionQueryAt,
    search: (query) => searchTeammates(teammates, query).slice(0, MAX_SHOWN),
    insertionOf: mentionOf,
    keyOf: (agent) => agent.id,
  });
  return { ...picker, loading: agents.isPending };
}

export function MentionList({ id, picker }: { id: string; picker: ReturnType<typeof useMentionPicker> }) {
  return (
    <TokenPickerList id={id} label="Teammates" picker={picker} empty={picker.loading ? "Loading teammates…" : "No teammate matches."}>
      {(agent) => (
        <>
          <span className="font-medium text-slate-900">{agent.name}</span> <span className="text-xs text-slate-600">{ROLE_LABELS[agent.role]}</span>
        </>
      )}
    </TokenPickerList>
  );
}
