"use client";

// Managers' and admins' page for saved replies: list, add, edit, delete. The form validates with the schema
// the API uses (lib/validations/saved-replies.ts) and shows the API's field errors (a taken shortcut: 409).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ChannelSummary } from "@/lib/channels/list-channels";
import { SAVED_REPLY_VARIABLES } from "@/lib/saved-replies/render-saved-reply";
import type { SavedReplyView } from "@/lib/saved-replies/saved-reply-view";
import { createSavedReplySchema } from "@/lib/validations/saved-replies";

const KEY = ["admin", "saved-replies"] as const;

export function SavedRepliesAdmin({ initialReplies, channels }: { initialReplies: SavedReplyView[]; channels: ChannelSummary[] }) {
  const [editing, setEditing] = useState<SavedReplyView | "new" | null>(null);
  const { data: replies } = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<{ savedReplies: SavedReplyView[] }>("/api/saved-replies").then((r) => r.savedReplies),
    initialData: initialReplies,
  });
  const channelName = new Map(channels.map((c) => [c.id, c.name]));

  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">Saved replies</h1>
          <p className="text-sm text-slate-600">
            Agents insert these with <kbd className="rounded border border-slate-300 px-1 font-mono text-xs">/</kbd> in the composer and can edit them
            before sending. Variables: {SAVED_REPLY_VARIABLES.map((v) => `{{${v}}}`).join(", ")} — add a fallback with{" "}
            <code className="text-xs">{"{{contact.first_name|there}}"}</code>.
          </p>
        </div>
        {editing === null ? <Button onClick={() => setEditing("new")}>New saved reply</Button> : null}
      </div>
      {editing !== null ? (
        <SavedReplyForm key={editing === "new" ? "new" : editing.id} reply={editing === "new" ? null : editing} channels={channels} onDone={() => setEditing(null)} />
      ) : null}
      {replies.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-sm text-slate-600 ring-1 ring-slate-200">No saved replies yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" aria-label="Saved replies">
          {replies.map((reply) => (
            <SavedReplyRow key={reply.id} reply={reply} channelName={channelName} onEdit={() => setEditing(reply)} />
          ))}
        </ul>
      )}
    </div>
  );
}

function SavedReplyRow({ reply, channelName, onEdit }: { reply: SavedReplyView; channelName: Map<string, string>; onEdit: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => apiFetch(`/api/saved-replies/${reply.id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.setQueryData<SavedReplyView[]>(KEY, (list = []) => list.filter((r) => r.id !== reply.id)),
  });
  return (
    <li className="flex items-start gap-4 px-4 py-3">
      <div className="min-w-0 flex-1 space-y-1">
        <p className="text-sm">
          <span className="font-mono text-brand">/{reply.shortcut}</span> <span className="font-medium text-slate-900">{reply.name}</span>
        </p>
        <p className="whitespace-pre-wrap text-sm text-slate-700">{reply.text}</p>
        <div className="flex flex-wrap gap-1">
          {reply.channelIds.length === 0 ? (
            <Badge>All channels</Badge>
          ) : (
            reply.channelIds.map((id) => <Badge key={id}>{channelName.get(id) ?? "Removed channel"}</Badge>)
          )}
        </div>
        {remove.error ? <p className="text-sm text-red-700">{remove.error.message}</p> : null}
      </div>
      <div className="flex shrink-0 gap-2">
        <Button variant="secondary" size="sm" onClick={onEdit} aria-label={`Edit /${reply.shortcut}`}>
          Edit
        </Button>
        <Button
          variant="ghost"
          size="sm"
          disabled={remove.isPending}
          onClick={() => {
            if (window.confirm(`Delete the saved reply /${reply.shortcut}?`)) remove.mutate();
          }}
          aria-label={`Delete /${reply.shortcut}`}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}

function SavedReplyForm({ reply, channels, onDone }: { reply: SavedReplyView | null; channels: ChannelSummary[]; onDone: () => void }) {
  const queryClient = useQueryClient();
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [channelIds, setChannelIds] = useState<string[]>(reply?.channelIds ?? []);
  const save = useMutation({
    mutationFn: (input: unknown) =>
      reply
        ? apiFetch<{ savedReply: SavedReplyView }>(`/api/saved-replies/${reply.id}`, { method: "PATCH", json: input })
        : apiFetch<{ savedReply: SavedReplyView }>("/api/saved-replies", { method: "POST", json: input }),
    onSuccess: ({ savedReply }) => {
      queryClient.setQueryData<SavedReplyView[]>(KEY, (list = []) =>
        (list.some((r) => r.id === savedReply.id) ? list.map((r) => (r.id === savedReply.id ? savedReply : r)) : [...list, savedReply]).sort((a, b) =>
          a.shortcut.localeCompare(b.shortcut),
        ),
      );
      onDone();
    },
    onError: (error) => {
      if (error instanceof ApiError) {
        const fields = (error.details?.fields as Record<string, string[]> | undefined) ?? {};
        const field = typeof error.details?.field === "string" ? { [error.details.field]: [error.message] } : {};
        setErrors({ ...fields, ...field });
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = { name: form.get("name"), shortcut: form.get("shortcut"), text: form.get("text"), channelIds };
    const parsed = createSavedReplySchema.safeParse(input);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), [i.message]])));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  const err = (field: string) => errors[field]?.[0];
  return (
    <form onSubmit={submit} aria-label={reply ? `Edit /${reply.shortcut}` : "New saved reply"} className="space-y-4 rounded-lg bg-white p-4 ring-1 ring-slate-200" noValidate>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id={`${id}-name`} label="Name" error={err("name")}>
          <Input id={`${id}-name`} name="name" defaultValue={reply?.name ?? ""} aria-invalid={Boolean(err("name")) || undefined} />
        </Field>
        <Field id={`${id}-shortcut`} label="Shortcut (typed after /)" error={err("shortcut")}>
          <Input id={`${id}-shortcut`} name="shortcut" defaultValue={reply?.shortcut ?? ""} aria-invalid={Boolean(err("shortcut")) || undefined} />
        </Field>
      </div>
      <Field id={`${id}-text`} label="Text" error={err("text")} hint="Hi {{contact.first_name|there}}, …">
        <textarea
          id={`${id}-text`}
          name="text"
          rows={4}
          defaultValue={reply?.text ?? ""}
          aria-invalid={Boolean(err("text")) || undefined}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand focus:outline-none aria-invalid:ring-red-500"
        />
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700">Channels (none chosen: every channel)</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-1">
          {channels.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                checked={channelIds.includes(c.id)}
                onChange={(e) => setChannelIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))}
                className="size-4 rounded border-slate-300 accent-brand"
              />
              {c.name} <span className="text-xs text-slate-500">{c.platform === "INSTAGRAM" ? "Instagram" : "Messenger"}</span>
            </label>
          ))}
        </div>
        {err("channelIds") ? <p className="text-sm text-red-700">{err("channelIds")}</p> : null}
      </fieldset>
      {save.error && !(save.error instanceof ApiError && (save.error.details?.fields || save.error.details?.field)) ? (
        <p role="alert" className="text-sm text-red-700">
          {save.error.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : reply ? "Save changes" : "Add saved reply"}
        </Button>
      </div>
    </form>
  );
}
