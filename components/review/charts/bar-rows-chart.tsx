// Horizontal bars, one row per agent or channel, with up to two overlaid values per row (p90 behind,
// median in front). Plain SVG rendered on the server: no chart library, no browser JS. The SVG is one
// image with a title and summary for screen readers; the exact numbers are in the table next to it.
import { ChartLegend, type ChartSeries } from "./chart-legend";

export interface BarRow {
  key: string;
  label: string;
  /** Group heading shown above the first row of each group ("By agent"). */
  group: string;
  /** One value per series, in the series' order (drawn back to front: the first is the widest). */
  values: (number | null)[];
  /** Shown at the end of the row. */
  caption: string;
}

// About the width the chart is shown at, so 12px text stays about 12px.
const WIDTH = 1060;
const LABEL_WIDTH = 230;
const CAPTION_WIDTH = 330;
const ROW = 26;
const GROUP_GAP = 22;

type Placed = { kind: "group"; y: number; text: string } | { kind: "row"; y: number; row: BarRow };

/** Vertical positions: a heading above each group, one line per row. */
function layout(rows: BarRow[]): { items: Placed[]; height: number } {
  const items: Placed[] = [];
  let y = 0;
  let group: string | null = null;
  for (const row of rows) {
    if (row.group !== group) {
      group = row.group;
      y += GROUP_GAP;
      items.push({ kind: "group", y, text: row.group });
    }
    items.push({ kind: "row", y, row });
    y += ROW;
  }
  return { items, height: y + 4 };
}

export function BarRowsChart({ id, title, summary, rows, series }: { id: string; title: string; summary: string; rows: BarRow[]; series: ChartSeries[] }) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values.map((v) => v ?? 0)));
  const plot = WIDTH - LABEL_WIDTH - CAPTION_WIDTH;
  const { items, height } = layout(rows);
  return (
    <figure className="space-y-2">
      <ChartLegend series={series} />
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full" role="img" aria-labelledby={`${id}-title ${id}-summary`}>
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-summary`}>{summary}</desc>
        {items.map((item) =>
          item.kind === "group" ? (
            <text key={`g-${item.text}`} x={0} y={item.y - 6} className="fill-slate-500 text-[11px] font-semibold uppercase tracking-wide">
              {item.text}
            </text>
          ) : (
            <g key={`r-${item.row.key}`} transform={`translate(0 ${item.y})`}>
              <text x={LABEL_WIDTH - 10} y={ROW / 2 + 4} textAnchor="end" className="fill-slate-800 text-xs">
                {item.row.label.length > 28 ? `${item.row.label.slice(0, 27)}…` : item.row.label}
              </text>
              <rect x={LABEL_WIDTH} y={3} width={plot} height={ROW - 6} rx={3} className="fill-slate-100" />
              {item.row.values.map((value, i) =>
                value === null ? null : (
                  <rect
                    key={series[i]?.key ?? i}
                    x={LABEL_WIDTH}
                    y={3 + i * 4}
                    width={Math.max(2, (value / max) * plot)}
                    height={ROW - 6 - i * 8}
                    rx={3}
                    className={series[i]?.fill}
                  />
                ),
              )}
              <text x={LABEL_WIDTH + plot + 10} y={ROW / 2 + 4} className="fill-slate-700 text-xs tabular-nums">
                {item.row.caption}
              </text>
            </g>
          ),
        )}
      </svg>
    </figure>
  );
}
