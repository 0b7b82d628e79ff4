"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { formatDateTime } from "@/lib/reports/format-duration";
import type { ReviewThread } from "@/lib/review/get-review-thread";
import type { AssignableAgent } from "@/lib/conversations/list-assignable-agents";
import { ReviewTimeline } from "./review-timeline";

const STATUS = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Resolved" } as const;
const WINDOW = {
  STANDARD: { label: "Reply window open", tone: "success" },
  HUMAN_AGENT: { label: "Human agent window", tone: "warning" },
  CLOSED: { label: "Window closed", tone: "neutral" },
} as const;

/** The thread as the server rendered it, kept fresh by React Query (after a reassign, and every minute). */
export function ReviewThreadView({ initial, assignees, timeZone }: { initial: ReviewThread; assignees: AssignableAgent[]; timeZone: string }) {
  const key = ["review", "thread", initial.conversation.id];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => apiFetch<ReviewThread>(`/api/review/conversations/${initial.conversation.id}`),
    initialData: initial,
    refetchInterval: 60_000,
  });
  const c = data.conversation;
  const window = WINDOW[c.windowStage];
  return (
    <div className="space-y-5">
      <Link href="/review" className="text-sm text-slate-600 hover:text-slate-900">
        ← Back to conversations
      </Link>
      <header className="flex flex-wrap items-start justify-between gap-4 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div className="space-y-1.5">
          <h2 className="text-base font-semibold">{c.contactName}</h2>
          <div className="flex flex-wrap gap-1.5">
            <Badge tone={c.channel.platform === "INSTAGRAM" ? "brand" : "neutral"}>
              {c.channel.platform === "INSTAGRAM" ? "Instagram" : "Messenger"} · {c.channel.name}
            </Badge>
            <Badge tone={c.status === "RESOLVED" ? "success" : "neutral"}>{STATUS[c.status]}</Badge>
            <Badge tone={window.tone}>{window.label}</Badge>
          </div>
          <p className="text-xs text-slate-500">
            {c.lastInboundAt ? <>Person&apos;s last message {formatDateTime(c.lastInboundAt, timeZone)}</> : "The person has not written yet"}
            {c.windowDeadline && c.windowStage !== "CLOSED" ? <> · window {c.windowStage === "STANDARD" ? "switches to HUMAN_AGENT" : "closes"} {formatDateTime(c.windowDeadline, timeZone)}</> : null}
          </p>
        </div>
        <ReassignForm conversationId={c.id} current={c.assignee} assignees={assignees} queryKey={key} />
      </header>
      <section aria-labelledby="timeline-heading" className="space-y-3">
        <h2 id="timeline-heading" className="text-sm font-semibold text-slate-700">
          Timeline <span className="font-normal text-slate-500">(times in {timeZone})</span>
        </h2>
        <ReviewTimeline entries={data.entries} timeZone={timeZone} />
      </section>
    </div>
  );
}

function ReassignForm({
  conversationId,
  current,
  assignees,
  queryKey,
}: {
  conversationId: string;
  current: { id: string; name: string } | null;
  assignees: AssignableAgent[];
  queryKey: string[];
}) {
  const id = useId();
  const queryClient = useQueryClient();
  const [choice, setChoice] = useState(current?.id ?? "");
  const mutation = useMutation({
    mutationFn: (assigneeId: string | null) =>
      apiFetch<{ assigneeId: string | null }>(`/api/review/conversations/${conversationId}/assignee`, { method: "PUT", json: { assigneeId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(choice === "" ? null : choice);
  };
  return (
    <form onSubmit={onSubmit} aria-label="Reassign" className="flex flex-wrap items-end gap-2">
      <div className="space-y-1.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          Assignee
        </label>
        <Select id={id} className="w-52" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="">Unassigned</option>
          {assignees.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={mutation.isPending || choice === (current?.id ?? "")}>
        {mutation.isPending ? "Saving…" : "Reassign"}
      </Button>
      <p role="status" className="basis-full text-xs">
        {mutation.isError ? <span className="text-red-700">{mutation.error.message}</span> : mutation.isSuccess ? <span className="text-emerald-700">Assignee saved.</span> : null}
      </p>
    </form>
  );
}
