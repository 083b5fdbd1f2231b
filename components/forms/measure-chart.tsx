import type { MeasurePoint } from "@/lib/forms/responses";
import { MEASURES, type Measure } from "@/lib/forms/scoring";
import { bandAreas, CHART_BOX as B, timeDomain, timeTicks, xFor, yFor } from "@/lib/forms/chart";
import { formatDate } from "@/lib/core/time";

/** Band shades, mildest to most severe (light, so the line and points stay readable). */
const SHADES = ["#ecfdf5", "#fefce8", "#fff7ed", "#fef2f2", "#fde8e8"];

/**
 * One measure's scores over time (docs/product.md, Forms: scoring): a server-rendered SVG with the severity bands
 * shaded and points placed by date (lib/forms/chart.ts), hidden from screen readers, with the same data as a table
 * and a one-line summary. Dates are the practice's days.
 */
export function MeasureChart({
  measure,
  points,
  timeZone,
}: {
  measure: Measure;
  points: MeasurePoint[];
  timeZone: string;
}) {
  const m = MEASURES[measure];
  const id = `measure-${measure}`;
  const times = points.map((p) => p.submittedAt.getTime());
  const dom = timeDomain(times);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${xFor(times[i], dom).toFixed(1)},${yFor(p.score, measure).toFixed(1)}`)
    .join(" ");
  const first = points[0];
  const last = points.at(-1);
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-3" data-testid={`chart-${measure}`}>
      <h3 id={`${id}-h`} className="text-lg font-semibold">
        {m.name} over time
      </h3>
      {points.length === 0 || !first || !last ? (
        <p className="text-slate-700">No {m.name} submitted yet.</p>
      ) : (
        <>
          <p className="text-sm text-slate-800">
            {points.length === 1
              ? `One score: ${first.score} (${first.band}) on ${formatDate(first.submittedAt, timeZone)}.`
              : `${points.length} scores from ${formatDate(first.submittedAt, timeZone)} to ${formatDate(last.submittedAt, timeZone)}: ${first.score} (${first.band}) first, ${last.score} (${last.band}) most recently.`}
          </p>
          <div className="grid gap-4 md:grid-cols-2">
            <svg
              viewBox={`0 0 ${B.width} ${B.height}`}
              className="h-auto w-full max-w-md"
              aria-hidden="true"
              focusable="false"
            >
              {bandAreas(measure).map((b) => (
                <g key={b.label}>
                  <rect
                    x={B.left}
                    y={b.y}
                    width={B.width - B.left - B.right}
                    height={b.height}
                    fill={SHADES[b.index] ?? SHADES.at(-1)}
                  />
                  <text x={B.width - B.right - 4} y={b.y + 11} fontSize="9" textAnchor="end" fill="#334155">
                    {b.label}
                  </text>
                  <text x={B.left - 4} y={b.y + 4} fontSize="9" textAnchor="end" fill="#334155">
                    {b.to}
                  </text>
                </g>
              ))}
              <line x1={B.left} x2={B.width - B.right} y1={yFor(0, measure)} y2={yFor(0, measure)} stroke="#475569" />
              {timeTicks(times, dom).map((t, i, all) => (
                <text
                  key={t}
                  x={xFor(t, dom)}
                  y={B.height - B.bottom + 14}
                  fontSize="9"
                  fill="#334155"
                  textAnchor={all.length === 1 ? "middle" : i === 0 ? "start" : i === all.length - 1 ? "end" : "middle"}
                >
                  {formatDate(new Date(t), timeZone).replace(/, \d{4}$/, "")}
                </text>
              ))}
              <path d={path} fill="none" stroke="#0f766e" strokeWidth="2" />
              {points.map((p, i) => (
                <circle
                  key={p.responseId}
                  cx={xFor(times[i], dom)}
                  cy={yFor(p.score, measure)}
                  r="3.5"
                  fill="#0f766e"
                />
              ))}
            </svg>
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{m.name} scores by date</caption>
                <thead>
                  <tr className="border-b border-slate-300">
                    <th scope="col" className="py-1 pr-3">
                      Date
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Score
                    </th>
                    <th scope="col" className="py-1">
                      Band
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
                    <tr key={p.responseId} className="border-b border-slate-200">
                      <td className="py-1 pr-3">{formatDate(p.submittedAt, timeZone)}</td>
                      <td className="py-1 pr-3">
                        {p.score} / {m.max}
                      </td>
                      <td className="py-1">{p.band}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
