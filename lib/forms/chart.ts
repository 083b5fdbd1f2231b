/**
 * Placement of a measure's scores on its chart (docs/product.md, Forms: clinicians see each measure's scores over
 * time). Pure and unit-tested: points are spaced by the time between submissions, not by their order, and the
 * severity bands are shaded from the measure's own band table (lib/forms/scoring.ts).
 */
import { MEASURES, type Measure } from "./scoring";

export type ChartBox = { width: number; height: number; left: number; right: number; top: number; bottom: number };

export const CHART_BOX: ChartBox = { width: 360, height: 190, left: 30, right: 12, top: 10, bottom: 34 };

const DAY_MS = 86_400_000;

/** The time span shown: from the first to the last point, at least a week wide, centred on a single point. */
export function timeDomain(times: number[]): [number, number] {
  if (times.length === 0) return [0, 1];
  const lo = Math.min(...times);
  const hi = Math.max(...times);
  const min = 7 * DAY_MS;
  if (hi - lo >= min) return [lo, hi];
  const mid = (lo + hi) / 2;
  return [mid - min / 2, mid + min / 2];
}

/** x for an instant: linear in time across the plot area. */
export function xFor(t: number, domain: [number, number], box: ChartBox = CHART_BOX): number {
  const [lo, hi] = domain;
  const w = box.width - box.left - box.right;
  return box.left + ((t - lo) / (hi - lo)) * w;
}

/** y for a score: 0 at the bottom of the plot area, the measure's maximum at the top. */
export function yFor(score: number, measure: Measure, box: ChartBox = CHART_BOX): number {
  const h = box.height - box.top - box.bottom;
  return box.top + (1 - score / MEASURES[measure].max) * h;
}

/** The shaded severity bands: each from the band below's upper score to its own (0–4, 5–9, … as areas). */
export function bandAreas(measure: Measure, box: ChartBox = CHART_BOX) {
  const bands = MEASURES[measure].bands;
  return bands.map((b, i) => {
    const from = i === 0 ? 0 : bands[i - 1].upTo;
    const top = yFor(b.upTo, measure, box);
    const bottom = yFor(from, measure, box);
    return { label: b.label, from: i === 0 ? 0 : from + 1, to: b.upTo, y: top, height: bottom - top, index: i };
  });
}

/**
 * Up to `count` ticks for the time axis at evenly spaced instants of the domain (their labels are formatted in the
 * practice's zone by the caller); a single point gets one tick at its own time.
 */
export function timeTicks(times: number[], domain: [number, number], count = 4): number[] {
  if (times.length <= 1) return times.slice();
  const [lo, hi] = domain;
  return Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}
