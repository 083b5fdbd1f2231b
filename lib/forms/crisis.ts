/**
 * What a client sees after a PHQ-9 answered above 0 on item 9 (docs/product.md, Safety): plain words, then 988,
 * 911 and the practice's phone. Pure, so the rule is unit-tested and the page stays thin.
 */
export const DEFAULT_CRISIS_TEXT =
  "Thank you for your honest answers. If you are having thoughts of hurting yourself, please reach out now. You do not have to wait for your next session.";

/** Whether the submitted answers call for crisis resources: a PHQ-9 with item 9 above 0. */
export function needsCrisisResources(measure: string | null, answers: Record<string, unknown>): boolean {
  if (measure !== "phq9") return false;
  const v = Number(answers.phq9_9);
  return Number.isFinite(v) && v > 0;
}
