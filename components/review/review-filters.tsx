import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import type { ReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { ChannelSelect, PlatformSelect } from "./scope-selects";

const STATUS_LABEL = { OPEN: "Open", PENDING: "Pending", SNOOZED: "Snoozed", RESOLVED: "Resolved" } as const;

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="flex items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" name={name} value="1" defaultChecked={checked} className="size-4 rounded border-slate-300 accent-brand" />
      {label}
    </label>
  );
}

/** The filters of /review as a plain GET form: the URL is the state, so a filtered view is a link. */
export function ReviewFilters({ values, options }: { values: Record<string, string>; options: ReviewFilterOptions }) {
  const on = (name: string) => ["1", "true", "on"].includes(values[name] ?? "");
  return (
    <form method="get" action="/review" aria-label="Review filters" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-8">
        <Field id="f-agent" label="Agent">
          <Select id="f-agent" name="agentId" defaultValue={values.agentId ?? ""}>
            <option value="">Anyone</option>
            {options.agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
                {a.active ? "" : " (deactivated)"}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="f-channel" label="Channel">
          <ChannelSelect id="f-channel" channels={options.channels} value={values.channelId} />
        </Field>
        <Field id="f-platform" label="Platform">
          <PlatformSelect id="f-platform" value={values.platform} />
        </Field>
        <Field id="f-from" label="From">
          <Input id="f-from" name="from" type="date" defaultValue={values.from ?? ""} />
        </Field>
        <Field id="f-to" label="To">
          <Input id="f-to" name="to" type="date" defaultValue={values.to ?? ""} />
        </Field>
        <Field id="f-status" label="Status">
          <Select id="f-status" name="status" defaultValue={values.status ?? ""}>
            <option value="">Any</option>
            {Object.entries(STATUS_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="f-label" label="Label">
          <Select id="f-label" name="label" defaultValue={values.label ?? ""}>
            <option value="">Any</option>
            {options.labels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field id="f-window" label="Window missed">
          <Select id="f-window" name="windowMissed" defaultValue={values.windowMissed ?? ""}>
            <option value="">No filter</option>
            <option value="24h">24 h window</option>
            <option value="7d">Entirely (7 d)</option>
          </Select>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <Check name="humanAgent" label="Replied with HUMAN_AGENT" checked={on("humanAgent")} />
        <Check name="blocked" label="Blocked send attempts" checked={on("blocked")} />
        <Check name="failed" label="Failed sends" checked={on("failed")} />
        <Check name="savedReplyUnedited" label="HUMAN_AGENT sent from an unedited saved reply" checked={on("savedReplyUnedited")} />
        <div className="ml-auto flex items-center gap-2">
          <Link href="/review" className="px-2 text-sm text-slate-600 hover:text-slate-900">
            Clear
          </Link>
          <Button type="submit">Apply filters</Button>
        </div>
      </div>
    </form>
  );
}
