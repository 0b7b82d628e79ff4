export interface ChartSeries {
  key: string;
  label: string;
  /** Tailwind fill-* class of the bars and the legend swatch. */
  fill: string;
}

export function ChartLegend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-hidden="true">
      {series.map((s) => (
        <li key={s.key} className="flex items-center gap-1.5">
          <svg viewBox="0 0 10 10" className="size-2.5">
            <rect width="10" height="10" rx="2" className={s.fill} />
          </svg>
          {s.label}
        </li>
      ))}
    </ul>
  );
}
