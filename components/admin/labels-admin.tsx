"use client";

// Managers' and admins' labels: add (name + colour), rename / recolour, delete. Every agent applies them to
// conversations from the thread or in bulk from the list.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, Input, Select } from "@/components/ui/field";
import { LABEL_COLOUR_NAMES, labelClasses } from "@/lib/labels/label-colours";
import type { LabelView } from "@/lib/labels/label-view";
import { createLabelSchema } from "@/lib/validations/labels";

const KEY = ["admin", "labels"] as const;
const sortByName = (list: LabelView[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));

export function LabelsAdmin({ initialLabels }: { initialLabels: LabelView[] }) {
  const queryClient = useQueryClient();
  const { data: labels } = useQuery({
    queryKey: KEY,
    queryFn: () => apiFetch<{ labels: LabelView[] }>("/api/labels").then((r) => r.labels),
    initialData: initialLabels,
  });
  const [error, setError] = useState<string | null>(null);
  const upsert = (label: LabelView) => queryClient.setQueryData<LabelView[]>(KEY, (list = []) => sortByName([...list.filter((l) => l.id !== label.id), label]));
  const create = useMutation({
    mutationFn: (input: unknown) => apiFetch<{ label: LabelView }>("/api/labels", { method: "POST", json: input }),
    onSuccess: ({ label }) => upsert(label),
    onError: (e) => setError(e instanceof ApiError ? e.message : String(e)),
  });
  const update = useMutation({
    mutationFn: ({ id, ...input }: { id: string; name?: string; color?: string }) =>
      apiFetch<{ label: LabelView }>(`/api/labels/${id}`, { method: "PATCH", json: input }),
    onSuccess: ({ label }) => upsert(label),
    onError: (e) => setError(e.message),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch(`/api/labels/${id}`, { method: "DELETE" }),
    onSuccess: (_r, id) => queryClient.setQueryData<LabelView[]>(KEY, (list = []) => list.filter((l) => l.id !== id)),
    onError: (e) => setError(e.message),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = createLabelSchema.safeParse({ name: data.get("name"), color: data.get("color") });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the label.");
      return;
    }
    setError(null);
    create.mutate(parsed.data, { onSuccess: () => form.reset() });
  }

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-lg font-semibold">Labels</h1>
        <p className="text-sm text-slate-600">Agents add labels to conversations from the thread, or to several at once from the list (Select).</p>
      </div>
      <form onSubmit={submit} aria-label="New label" className="flex items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200" noValidate>
        <div className="flex-1">
          <Field id="label-name" label="Name">
            <Input id="label-name" name="name" maxLength={40} />
          </Field>
        </div>
        <Field id="label-color" label="Colour">
          <Select id="label-color" name="color" defaultValue="blue" className="w-32">
            {LABEL_COLOUR_NAMES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={create.isPending}>
          Add label
        </Button>
      </form>
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <ul aria-label="Labels" className="divide-y divide-slate-100 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
        {labels.length === 0 ? <li className="p-4 text-sm text-slate-600">No labels yet.</li> : null}
        {labels.map((label) => (
          <li key={label.id} className="flex items-center gap-3 px-4 py-2.5">
            <span className={cn("rounded px-2 py-0.5 text-sm font-medium ring-1 ring-inset", labelClasses(label.color))}>{label.name}</span>
            <label htmlFor={`color-${label.id}`} className="sr-only">
              Colour of {label.name}
            </label>
            <Select
              id={`color-${label.id}`}
              className="ml-auto h-8 w-28 py-1"
              value={label.color}
              onChange={(e) => update.mutate({ id: label.id, color: e.target.value })}
            >
              {LABEL_COLOUR_NAMES.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </Select>
            <Button
              variant="ghost"
              size="sm"
              aria-label={`Delete ${label.name}`}
              onClick={() => {
                if (window.confirm(`Delete the label “${label.name}”? It leaves every conversation.`)) remove.mutate(label.id);
              }}
            >
              Delete
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
