"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch } from "@/components/api-client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import type { AgentSummary } from "@/lib/agents/agent-summary";
import type { ChannelSummary } from "@/lib/channels/list-channels";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { AGENT_ROLES, createAgentSchema, ROLE_LABELS } from "@/lib/validations/agents";

const PLATFORM_LABEL: Record<ChannelSummary["platform"], string> = { MESSENGER: "Messenger", INSTAGRAM: "Instagram" };
const AGENTS_KEY = ["admin", "agents"] as const;

export function AgentsAdmin({
  initialAgents,
  channels,
  currentAgentId,
}: {
  initialAgents: AgentSummary[];
  channels: ChannelSummary[];
  currentAgentId: string;
}) {
  const [adding, setAdding] = useState(false);
  const { data: agents } = useQuery({
    queryKey: AGENTS_KEY,
    queryFn: () => apiFetch<{ agents: AgentSummary[] }>("/api/admin/agents").then((r) => r.agents),
    initialData: initialAgents,
  });

  return (
    <div className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h1 className="text-lg font-semibold">Team</h1>
          <p className="text-sm text-slate-600">
            Agents answer the channels they are assigned to. Managers and admins see every channel.
          </p>
        </div>
        {!adding ? <Button onClick={() => setAdding(true)}>Add agent</Button> : null}
      </div>
      {adding ? <AddAgentForm channels={channels} onDone={() => setAdding(false)} /> : null}
      <div className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Name
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Role
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Channels
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Status
              </th>
              <th scope="col" className="px-4 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {agents.map((agent) => (
              <AgentRow key={agent.id} agent={agent} channels={channels} isSelf={agent.id === currentAgentId} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function useAgentMutation<TInput>(request: (input: TInput) => Promise<{ agent: AgentSummary }>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: ({ agent }) => {
      queryClient.setQueryData<AgentSummary[]>(AGENTS_KEY, (list = []) =>
        list.some((a) => a.id === agent.id) ? list.map((a) => (a.id === agent.id ? agent : a)) : [...list, agent],
      );
    },
  });
}

function AgentRow({ agent, channels, isSelf }: { agent: AgentSummary; channels: ChannelSummary[]; isSelf: boolean }) {
  const [editingChannels, setEditingChannels] = useState(false);
  const [confirmingDeactivate, setConfirmingDeactivate] = useState(false);
  const update = useAgentMutation((input: Partial<Pick<AgentSummary, "role" | "active">>) =>
    apiFetch<{ agent: AgentSummary }>(`/api/admin/agents/${agent.id}`, { method: "PATCH", json: input }),
  );
  const assigned = channels.filter((c) => agent.channelIds.includes(c.id));
  const roleId = useId();
  return (
    <>
      <tr className={agent.active ? undefined : "bg-slate-50 text-slate-500"}>
        <td className="px-4 py-3">
          <div className="font-medium text-slate-900">
            {agent.name}
            {isSelf ? <span className="ml-2 text-xs font-normal text-slate-500">(you)</span> : null}
          </div>
          <div className="text-xs text-slate-500">{agent.email}</div>
        </td>
        <td className="px-4 py-3">
          <label htmlFor={roleId} className="sr-only">
            Role of {agent.name}
          </label>
          <Select
            id={roleId}
            className="h-8 w-auto min-w-36 py-1 pr-9"
            value={agent.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ role: e.target.value as AgentSummary["role"] })}
          >
            {AGENT_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </td>
        <td className="px-4 py-3">
          {agent.role !== "AGENT" ? (
            <span className="text-slate-500">All channels</span>
          ) : assigned.length === 0 ? (
            <span className="text-amber-700">None assigned</span>
          ) : (
            <div className="flex flex-wrap gap-1">
              {assigned.map((c) => (
                <Badge key={c.id}>
                  {c.name}
                  <span className="font-normal text-slate-600"> · {PLATFORM_LABEL[c.platform]}</span>
                </Badge>
              ))}
            </div>
          )}
        </td>
        <td className="px-4 py-3">{agent.active ? <Badge tone="success">Active</Badge> : <Badge>Deactivated</Badge>}</td>
        <td className="px-4 py-3 text-right">
          <div className="flex justify-end gap-2">
            {agent.role === "AGENT" ? (
              <Button variant="secondary" size="sm" onClick={() => setEditingChannels((v) => !v)} aria-expanded={editingChannels}>
                Channels
              </Button>
            ) : null}
            <Button
              variant={agent.active ? "danger" : "secondary"}
              size="sm"
              disabled={update.isPending}
              onClick={() => (agent.active ? setConfirmingDeactivate(true) : update.mutate({ active: true }))}
            >
              {agent.active ? "Deactivate" : "Reactivate"}
            </Button>
            <ModalDialog
              open={confirmingDeactivate}
              onClose={() => setConfirmingDeactivate(false)}
              title={`Deactivate ${agent.name}?`}
              description={
                <>
                  {agent.name} is signed out at once on every device; their open inbox tells them an admin deactivated their account. Their
                  conversations stay assigned to them. You can reactivate them later.
                </>
              }
            >
              <div className="flex justify-end gap-2">
                <Button variant="secondary" size="sm" onClick={() => setConfirmingDeactivate(false)}>
                  Cancel
                </Button>
                <Button
                  variant="danger"
                  size="sm"
                  disabled={update.isPending}
                  onClick={() => update.mutate({ active: false }, { onSettled: () => setConfirmingDeactivate(false) })}
                >
                  Deactivate {agent.name}
                </Button>
              </div>
            </ModalDialog>
          </div>
          {update.error ? (
            <p role="alert" className="mt-1 text-xs text-red-700">
              {update.error.message}
            </p>
          ) : null}
        </td>
      </tr>
      {editingChannels ? (
        <tr>
          <td colSpan={5} className="bg-slate-50 px-4 py-3">
            <ChannelEditor agent={agent} channels={channels} onDone={() => setEditingChannels(false)} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

function ChannelCheckboxes({
  channels,
  selected,
  onChange,
}: {
  channels: ChannelSummary[];
  selected: string[];
  onChange: (ids: string[]) => void;
}) {
  if (channels.length === 0) return <p className="text-sm text-slate-500">No channels are connected yet.</p>;
  return (
    <fieldset className="flex flex-wrap gap-x-6 gap-y-2">
      <legend className="sr-only">Channels</legend>
      {channels.map((channel) => (
        <label key={channel.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 rounded border-slate-300 accent-brand"
            checked={selected.includes(channel.id)}
            onChange={(e) => onChange(e.target.checked ? [...selected, channel.id] : selected.filter((id) => id !== channel.id))}
          />
          {channel.name}
          <span className="text-xs text-slate-500">{channel.platform === "INSTAGRAM" ? "Instagram" : "Messenger"}</span>
        </label>
      ))}
    </fieldset>
  );
}

function ChannelEditor({ agent, channels, onDone }: { agent: AgentSummary; channels: ChannelSummary[]; onDone: () => void }) {
  const [selected, setSelected] = useState(agent.channelIds);
  const save = useAgentMutation((channelIds: string[]) =>
    apiFetch<{ agent: AgentSummary }>(`/api/admin/agents/${agent.id}/channels`, { method: "PUT", json: { channelIds } }),
  );
  return (
    <div className="flex flex-wrap items-center justify-between gap-4">
      <ChannelCheckboxes channels={channels} selected={selected} onChange={setSelected} />
      <div className="flex gap-2">
        <Button variant="ghost" size="sm" onClick={onDone}>
          Cancel
        </Button>
        <Button size="sm" disabled={save.isPending} onClick={() => save.mutate(selected, { onSuccess: onDone })}>
          Save channels
        </Button>
      </div>
      {save.error ? <p role="alert" className="w-full text-xs text-red-700">{save.error.message}</p> : null}
    </div>
  );
}

function AddAgentForm({ channels, onDone }: { channels: ChannelSummary[]; onDone: () => void }) {
  const [form, setForm] = useState({ name: "", email: "", role: "AGENT" as AgentSummary["role"], password: "" });
  const [channelIds, setChannelIds] = useState<string[]>([]);
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const create = useAgentMutation((input: unknown) => apiFetch<{ agent: AgentSummary }>("/api/admin/agents", { method: "POST", json: input }));
  const serverError = create.error instanceof ApiError ? create.error : null;
  const errorOf = (field: string) => clientErrors[field] ?? serverError?.fieldError(field);

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = createAgentSchema.safeParse({ ...form, channelIds });
    if (!parsed.success) {
      setClientErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setClientErrors({});
    create.mutate(parsed.data, { onSuccess: onDone });
  }

  const input = (field: "name" | "email" | "password", label: string, type: string, autoComplete: string) => (
    <Field id={`new-agent-${field}`} label={label} error={errorOf(field)} hint={field === "password" ? `At least ${PASSWORD_MIN_LENGTH} characters; share it with the agent privately.` : undefined}>
      <Input
        id={`new-agent-${field}`}
        type={type}
        autoComplete={autoComplete}
        value={form[field]}
        aria-invalid={errorOf(field) ? true : undefined}
        aria-describedby={errorOf(field) ? `new-agent-${field}-error` : undefined}
        onChange={(e) => setForm({ ...form, [field]: e.target.value })}
      />
    </Field>
  );

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg bg-white p-5 ring-1 ring-slate-200" aria-label="Add agent">
      <h2 className="font-medium">Add an agent</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {input("name", "Name", "text", "off")}
        {input("email", "Email", "email", "off")}
        <Field id="new-agent-role" label="Role">
          <Select id="new-agent-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as AgentSummary["role"] })}>
            {AGENT_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </Field>
        {input("password", "Initial password", "password", "new-password")}
      </div>
      {form.role === "AGENT" ? (
        <div className="space-y-2">
          <p className="text-sm font-medium text-slate-700">Channels this agent works</p>
          <ChannelCheckboxes channels={channels} selected={channelIds} onChange={setChannelIds} />
        </div>
      ) : null}
      {serverError && !serverError.details ? (
        <p role="alert" className="text-sm text-red-700">
          {serverError.message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add agent"}
        </Button>
      </div>
    </form>
  );
}
