import type { MeasurePoint } from "@/lib/forms/responses";
import { MEASURES, type Measure } from "@/lib/forms/scoring";
import { formatDate } from "@/lib/core/time";

/**
 * One measure's scores over time (docs/product.md, Forms: scoring): an SVG line chart (hidden from screen readers) with the same
 * data as a table beside it. Plain SVG keeps it server-rendered, dependency-free and axe-clean.
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
  const fmt = (d: Date) => formatDate(d, timeZone);
  const m = MEASURES[measure];
  const W = 320;
  const H = 160;
  const pad = { l: 28, r: 8, t: 8, b: 20 };
  const x = (i: number) =>
    pad.l + (points.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + (1 - v / m.max) * (H - pad.t - pad.b);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`).join(" ");
  const id = `measure-${measure}`;
  return (
    <section aria-labelledby={`${id}-h`} className="flex flex-col gap-3">
      <h3 id={`${id}-h`} className="text-lg font-semibold">
        {m.name} over time
      </h3>
      {points.length === 0 ? (
        <p className="text-slate-700">No {m.name} submitted yet.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full max-w-md" aria-hidden="true" focusable="false">
            {m.bands.map((b) => (
              <g key={b.upTo}>
                <line x1={pad.l} x2={W - pad.r} y1={y(b.upTo)} y2={y(b.upTo)} stroke="#cbd5e1" strokeDasharray="3 3" />
                <text x={pad.l - 4} y={y(b.upTo) + 4} fontSize="9" textAnchor="end" fill="#334155">
                  {b.upTo}
                </text>
              </g>
            ))}
            <line x1={pad.l} x2={W - pad.r} y1={y(0)} y2={y(0)} stroke="#475569" />
            <path d={path} fill="none" stroke="#0f766e" strokeWidth="2" />
            {points.map((p, i) => (
              <circle key={p.responseId} cx={x(i)} cy={y(p.score)} r="3.5" fill="#0f766e" />
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
                    <td className="py-1 pr-3">{fmt(p.submittedAt)}</td>
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
      )}
    </section>
  );
}
