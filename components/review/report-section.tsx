import type { ReactNode } from "react";
import { buttonClasses } from "@/components/ui/button";

/** One report: heading, what the numbers mean, its chart, its table, and the CSV of the same rows. */
export function ReportSection({
  id,
  title,
  definition,
  csvHref,
  children,
  table,
}: {
  id: string;
  title: string;
  definition: ReactNode;
  csvHref: string;
  children: ReactNode;
  table: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3 rounded-lg bg-white p-5 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl space-y-1">
          <h2 id={`${id}-heading`} className="font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600">{definition}</p>
        </div>
        <a href={csvHref} className={buttonClasses("secondary", "sm")} download>
          Download CSV<span className="sr-only"> of {title}</span>
        </a>
      </div>
      {children}
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Show the numbers as a table</summary>
        <div className="mt-2 overflow-x-auto">{table}</div>
      </details>
    </section>
  );
}

export function DataTable({ caption, headers, rows }: { caption: string; headers: string[]; rows: (string | number)[][] }) {
  return (
    <table className="w-full text-left text-sm tabular-nums">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col" className="px-3 py-1.5 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((row, i) => (
          <tr key={i}>
            {row.map((cell, j) =>
              j === 0 ? (
                <th key={j} scope="row" className="px-3 py-1.5 font-normal text-slate-800">
                  {cell}
                </th>
              ) : (
                <td key={j} className="px-3 py-1.5 text-slate-700">
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export interface Stat {
  label: string;
  value: ReactNode;
  /** Text colour class of the value (e.g. the window stage's); slate by default. */
  tone?: string;
}

// Whole class names (Tailwind finds them in the source): as many columns as figures on wide screens, up to five.
const STAT_COLUMNS = ["sm:grid-cols-1", "sm:grid-cols-2", "sm:grid-cols-3", "sm:grid-cols-4", "sm:grid-cols-5"];

/** A report's headline figures, one tile each. */
export function StatTiles({ stats }: { stats: Stat[] }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 ${STAT_COLUMNS[Math.min(stats.length, 5) - 1]}`}>
      {stats.map((s) => (
        <div key={s.label} className="rounded-md bg-slate-50 px-3 py-2">
          <dt className="text-xs text-slate-600">{s.label}</dt>
          <dd className={`text-2xl font-semibold tabular-nums ${s.tone ?? "text-slate-900"}`}>{s.value}</dd>
        </div>
      ))}
    </dl>
  );
}
