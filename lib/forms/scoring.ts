/**
 * Scoring of the library's measures, as pure functions (docs/product.md, Forms: scoring gives the bands exactly).
 */
export type Measure = "phq9" | "gad7";

export const MEASURES: Record<
  Measure,
  { name: string; items: number; max: number; bands: { upTo: number; label: string }[] }
> = {
  phq9: {
    name: "PHQ-9",
    items: 9,
    max: 27,
    bands: [
      { upTo: 4, label: "None/minimal" },
      { upTo: 9, label: "Mild" },
      { upTo: 14, label: "Moderate" },
      { upTo: 19, label: "Moderately severe" },
      { upTo: 27, label: "Severe" },
    ],
  },
  gad7: {
    name: "GAD-7",
    items: 7,
    max: 21,
    bands: [
      { upTo: 4, label: "Minimal" },
      { upTo: 9, label: "Mild" },
      { upTo: 14, label: "Moderate" },
      { upTo: 21, label: "Severe" },
    ],
  },
};

/** The band for a total; throws on totals the measure cannot produce. */
export function bandFor(measure: Measure, total: number): string {
  const m = MEASURES[measure];
  if (!Number.isInteger(total) || total < 0 || total > m.max)
    throw new RangeError(`${m.name} total must be 0–${m.max}`);
  return m.bands.find((b) => total <= b.upTo)!.label;
}

/** Item ids of the measure's questions, in order: phq9_1 … phq9_9, gad7_1 … gad7_7. */
export const itemIds = (measure: Measure) =>
  Array.from({ length: MEASURES[measure].items }, (_, i) => `${measure}_${i + 1}`);

export type Score = { measure: Measure; total: number; band: string; safetyItem?: number };

/** Total and band from the answers (each item "0"–"3"). Every item must be answered. */
export function scoreMeasure(measure: Measure, answers: Record<string, unknown>): Score {
  let total = 0;
  const values: number[] = [];
  for (const id of itemIds(measure)) {
    const v = Number(answers[id]);
    if (!Number.isInteger(v) || v < 0 || v > 3) throw new RangeError(`${id} must be 0–3`);
    values.push(v);
    total += v;
  }
  const score: Score = { measure, total, band: bandFor(measure, total) };
  // PHQ-9 item 9 (thoughts of self-harm) above 0 raises a safety alert (docs/product.md, Safety).
  if (measure === "phq9") score.safetyItem = values[8];
  return score;
}

export const needsSafetyAlert = (s: Score) => s.measure === "phq9" && (s.safetyItem ?? 0) > 0;
