// A bar chart drawn on the server as SVG: no script, readable without CSS. It is an image with a
// title and a description for screen readers; the page puts the same numbers in a table after it.
import type { PageContext } from "../../views/page-context.js";

const W = 640;
const H = 260;
const PLOT = { left: 52, right: W - 12, top: 24, bottom: H - 36 };

/** A short date in the page's language: "Dec 2", "2 dic", "12月2日". */
export function shortDay(ctx: PageContext, day: string): string {
  return new Intl.DateTimeFormat(ctx.locale.intl, {
    month: "short",
    day: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T12:00:00.000Z`));
}

export function ParticipationChart({
  ctx,
  id,
  title,
  description,
  series,
  goal,
}: {
  ctx: PageContext;
  /** Prefix of the ids that name the chart. */
  id: string;
  title: string;
  description: string;
  series: { day: string; count: number }[];
  goal: number | null;
}) {
  const number = new Intl.NumberFormat(ctx.locale.intl);
  const top = Math.max(1, goal ?? 0, ...series.map((s) => s.count));
  const y = (value: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * value) / top;
  const slot = (PLOT.right - PLOT.left) / Math.max(1, series.length);
  const bar = Math.max(1, slot * 0.7);
  const ticks = [...new Set([0, Math.round(top / 2), top])];
  const first = series[0];
  const last = series.at(-1);
  return (
    <svg
      class="cfa-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`} safe>
        {title}
      </title>
      <desc id={`${id}-desc`} safe>
        {description}
      </desc>
      {ticks.map((tick) => (
        <g class="cfa-chart__tick">
          <line x1={PLOT.left} x2={PLOT.right} y1={y(tick)} y2={y(tick)} />
          <text x={PLOT.left - 6} y={y(tick) + 4} text-anchor="end" safe>
            {number.format(tick)}
          </text>
        </g>
      ))}
      {series.map((s, i) => (
        <rect
          class="cfa-chart__bar"
          x={(PLOT.left + i * slot + (slot - bar) / 2).toFixed(1)}
          y={y(s.count).toFixed(1)}
          width={bar.toFixed(1)}
          height={(PLOT.bottom - y(s.count)).toFixed(1)}
        />
      ))}
      {goal ? (
        <g class="cfa-chart__goal">
          <line x1={PLOT.left} x2={PLOT.right} y1={y(goal)} y2={y(goal)} />
          <text x={PLOT.right} y={y(goal) - 4} text-anchor="end" safe>
            {ctx.t("campaign-results.chart.goal", { goal })}
          </text>
        </g>
      ) : (
        ""
      )}
      {first ? (
        <text x={PLOT.left} y={H - 12} text-anchor="start" safe>
          {shortDay(ctx, first.day)}
        </text>
      ) : (
        ""
      )}
      {last && last !== first ? (
        <text x={PLOT.right} y={H - 12} text-anchor="end" safe>
          {shortDay(ctx, last.day)}
        </text>
      ) : (
        ""
      )}
    </svg>
  );
}
