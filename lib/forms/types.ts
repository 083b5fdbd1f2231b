/**
 * Question types a template can hold (docs/product.md, Forms: builder). Pure types shared by the
 * builder, the portal form, the server and the PDF.
 */
export { QUESTION_TYPES, type Choice, type Question, type QuestionType } from "@/db/schema/question";
import type { Question, QuestionType } from "@/db/schema/question";
import { formatDate, formatDateTime } from "@/lib/core/time";

export const QUESTION_TYPE_LABELS: Record<QuestionType, string> = {
  short_text: "Short text",
  long_text: "Long text",
  single_choice: "Single choice",
  multi_choice: "Multiple choice",
  yes_no: "Yes / no",
  date: "Date",
  number: "Number",
  scale: "Scale",
  signature: "Signature",
  heading: "Section heading",
  info: "Info text",
};

/** Headings and info text carry no answer. */
export const isAnswerable = (q: Pick<Question, "type">) => q.type !== "heading" && q.type !== "info";

/** What the signer provides; the server adds who, when and from where (docs/product.md, Forms: signatures). */
export type SignatureInput = { legalName: string; relationship: string; consent: true };
export type SignatureValue = SignatureInput & { signedAt: string; ip: string | null; userId: string };

/** Limits that keep answers sane (docs/decisions.md, Quality targets: Bad input changes nothing). */
export const LIMITS = { shortText: 500, longText: 10_000, choiceValue: 200 } as const;

export const RELATIONSHIPS = ["Self", "Partner", "Parent or guardian", "Other legal representative"] as const;

/**
 * Splits a form into short pages: a new page at every section heading, and at most `perPage` answerable
 * questions per page, so a phone never shows a long wall of questions.
 */
export function paginate(questions: Question[], perPage = 5): Question[][] {
  const pages: Question[][] = [];
  let cur: Question[] = [];
  let answerable = 0;
  for (const q of questions) {
    const startNew = cur.length > 0 && (q.type === "heading" || (isAnswerable(q) && answerable >= perPage));
    if (startNew) {
      pages.push(cur);
      cur = [];
      answerable = 0;
    }
    cur.push(q);
    if (isAnswerable(q)) answerable++;
  }
  if (cur.length) pages.push(cur);
  return pages;
}

/** Whether an answer counts as given (for progress and required checks). */
export function hasAnswer(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === "string") return v.trim().length > 0;
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

/**
 * A human-readable rendering of an answer (review page, PDF). A signature's instant is shown in the practice's
 * time zone, with the address it came from named as such.
 */
export function formatAnswer(q: Question, v: unknown, timeZone: string): string {
  if (!hasAnswer(v)) return "—";
  switch (q.type) {
    case "single_choice":
      return q.options?.find((o) => o.value === v)?.label ?? String(v);
    case "multi_choice":
      return (v as string[]).map((x) => q.options?.find((o) => o.value === x)?.label ?? x).join("; ");
    case "yes_no":
      return v === true ? "Yes" : "No";
    case "date":
      return typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : String(v);
    case "signature": {
      const s = v as Partial<SignatureValue>;
      const when = s.signedAt ? ` on ${formatDateTime(new Date(s.signedAt), timeZone)}` : "";
      return `Signed by ${s.legalName} (${s.relationship})${when}${s.ip ? ` from IP address ${s.ip}` : ""}`;
    }
    default:
      return String(v);
  }
}
