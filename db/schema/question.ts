/**
 * The shape of a template question as stored in form_templates.questions (JSON). Pure, without drizzle, so the
 * browser's form builder and filler can import it through lib/forms/types.ts.
 */
export const QUESTION_TYPES = [
  "short_text",
  "long_text",
  "single_choice",
  "multi_choice",
  "yes_no",
  "date",
  "number",
  "scale",
  "signature",
  "heading",
  "info",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export type Choice = { value: string; label: string };

export type Question = {
  id: string;
  type: QuestionType;
  label: string;
  required?: boolean;
  help?: string;
  /** single_choice, multi_choice */
  options?: Choice[];
  /** number, scale */
  min?: number;
  max?: number;
  minLabel?: string;
  maxLabel?: string;
  /**
   * yes_no and signature-free consent questions: the answer that must be given to continue (true = "Yes").
   * A consent for treatment answered "No" is refused at the field (docs/decisions.md, Forms and safety).
   */
  mustAgree?: boolean;
};
