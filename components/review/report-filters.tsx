import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import type { ReviewFilterOptions } from "@/lib/review/list-review-filter-options";
import { ChannelSelect, PlatformSelect } from "./scope-selects";

/** A plain GET form: the filters live in the URL, so a report view is a link; works without JavaScript. */
export function ReportFilters({ values, channels, timeZone }: { values: Record<string, string>; channels: ReviewFilterOptions["channels"]; timeZone: string }) {
  return (
    <form method="get" action="/review/reports" aria-label="Report filters" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="w-40">
        <Field id="report-from" label="From">
          <Input id="report-from" name="from" type="date" defaultValue={values.from ?? ""} />
        </Field>
      </div>
      <div className="w-40">
        <Field id="report-to" label="To">
          <Input id="report-to" name="to" type="date" defaultValue={values.to ?? ""} />
        </Field>
      </div>
      <div className="w-72">
        <Field id="report-channel" label="Channel">
          <ChannelSelect id="report-channel" channels={channels} value={values.channelId} />
        </Field>
      </div>
      <div className="w-40">
        <Field id="report-platform" label="Platform">
          <PlatformSelect id="report-platform" value={values.platform} />
        </Field>
      </div>
      <Button type="submit">Show</Button>
      <Link href="/review/reports" className="h-10 px-2 py-2 text-sm text-slate-600 hover:text-slate-900">
        Last 7 full days
      </Link>
      <p className="basis-full text-xs text-slate-500">Days run from midnight to midnight in the account&apos;s time zone ({timeZone}).</p>
    </form>
  );
}
