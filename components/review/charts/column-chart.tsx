// Grouped vertical columns over categories (days, hours of the day), with a y axis of whole numbers.
// Plain SVG rendered on the server; the numbers are also in the table next to it.
import { ChartLegend, type ChartSeries } from "./chart-legend";

// About the width the chart is shown at, so 11px text stays about 11px.
const WIDTH = 1060;
const HEIGHT = 240;
const LEFT = 34;
const BOTTOM = 28;
const TOP = 10;

function ticksFor(max: number): number[] {
  if (max <= 0) return [0, 1];
  const step = max <= 5 ? 1 : max <= 10 ? 2 : Math.ceil(max / 5 / 5) * 5;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step - 1 && ticks.length < 8; t += step) ticks.push(t);
  return ticks;
}

export function ColumnChart({
  id,
  title,
  summary,
  categories,
  series,
  values,
  labelEvery = 1,
}: {
  id: string;
  title: string;
  summary: string;
  /** Axis labels, one per category. */
  categories: string[];
  series: ChartSeries[];
  /** values[category][series] */
  values: number[][];
  /** Label only every n-th category (24 hours do not fit otherwise). */
  labelEvery?: number;
}) {
  const ticks = ticksFor(Math.max(0, ...values.flat()));
  const top = ticks.at(-1) ?? 1;
  const plotW = WIDTH - LEFT - 8;
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = plotW / Math.max(1, categories.length);
  const barW = Math.min(22, (slot * 0.8) / Math.max(1, series.length));
  const yOf = (v: number) => TOP + plotH - (v / top) * plotH;
  return (
    <figure className="space-y-2">
      <ChartLegend series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full" role="img" aria-labelledby={`${id}-title ${id}-summary`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-summary`}>{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={LEFT} x2={WIDTH - 8} y1={yOf(t)} y2={yOf(t)} className="stroke-slate-200" strokeWidth={1} />
            <text x={LEFT - 6} y={yOf(t) + 4} textAnchor="end" className="fill-slate-500 text-[11px] tabular-nums">
              {t}
            </text>
          </g>
        ))}
        {categories.map((category, c) => {
          const groupX = LEFT + c * slot + (slot - barW * series.length) / 2;
          return (
            <g key={category}>
              {series.map((s, i) => {
                const v = values[c]?.[i] ?? 0;
                return v > 0 ? (
                  <rect key={s.key} x={groupX + i * barW} y={yOf(v)} width={barW - 1} height={TOP + plotH - yOf(v)} rx={2} className={s.fill} />
                ) : null;
              })}
              {c % labelEvery === 0 ? (
                <text x={LEFT + c * slot + slot / 2} y={HEIGHT - 10} textAnchor="middle" className="fill-slate-600 text-[11px]">
                  {category}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
