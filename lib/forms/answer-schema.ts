import { z } from "zod";
import { dateField, hasControlChars, textField } from "@/lib/core/validation";
import { isAnswerable, LIMITS, RELATIONSHIPS, type Question } from "./types";

/**
 * THE zod schema of a form's answers, built from its template version (docs/decisions.md, Code conventions: One schema per form). The portal form
 * validates with it in the browser and the server validates every autosave and the submit with it, so the
 * two can never disagree. Drafts may leave anything out (or clear it with null); a submit must answer every
 * required question. Unknown questions, choices not offered, numbers out of range and over-long text are refused.
 */
export function answerFieldSchema(q: Question): z.ZodType {
  switch (q.type) {
    case "short_text":
      return plainAnswer(LIMITS.shortText, false);
    case "long_text":
      return plainAnswer(LIMITS.longText, true);
    case "single_choice": {
      const values = (q.options ?? []).map((o) => o.value);
      return z
        .string({ error: "Choose one of the options." })
        .refine((v) => values.includes(v), { error: "Choose one of the options offered." });
    }
    case "multi_choice": {
      const values = (q.options ?? []).map((o) => o.value);
      return z
        .array(
          z.string().refine((v) => values.includes(v), { error: "Choose only the options offered." }),
          { error: "Choose from the options." },
        )
        .max(values.length)
        .refine((a) => new Set(a).size === a.length, { error: "Each option can be chosen once." });
    }
    case "yes_no":
      // A must-agree question (a consent) takes only "Yes" (docs/decisions.md, Forms and safety).
      return q.mustAgree
        ? z.boolean({ error: "Choose yes or no." }).refine((v) => v, { error: MUST_AGREE })
        : z.boolean({ error: "Choose yes or no." });
    case "date":
      return dateField("a date");
    case "number":
    case "scale": {
      let n = z.number({ error: "Enter a number." });
      if (q.type === "scale") n = n.int({ error: "Choose a whole number." });
      const range =
        q.min !== undefined && q.max !== undefined
          ? `between ${q.min} and ${q.max}`
          : q.min !== undefined
            ? `of at least ${q.min}`
            : `of at most ${q.max}`;
      if (q.min !== undefined) n = n.min(q.min, { error: `Enter a number ${range}.` });
      if (q.max !== undefined) n = n.max(q.max, { error: `Enter a number ${range}.` });
      return n.refine(Number.isFinite, { error: "Enter a number." });
    }
    case "signature":
      return z.object(
        {
          legalName: textField(200, "The name", { required: "Type your full legal name.", min: 2 }),
          relationship: z.enum(RELATIONSHIPS, { error: "Choose your relationship to the client." }),
          consent: z.literal(true, { error: "Check the box to sign." }),
        },
        { error: "Sign the form." },
      );
    default:
      return z.never();
  }
}

/**
 * A typed answer: not trimmed (drafts keep what was typed), but never NUL or other control characters (lib/core/validation),
 * so every answer that passes can be stored.
 */
function plainAnswer(max: number, multiline: boolean) {
  return z
    .string({ error: "Enter text." })
    .max(max, { error: `Keep this answer under ${max} characters.` })
    .refine((v) => !hasControlChars(v, { multiline }), {
      error: multiline
        ? "This answer contains characters that cannot be saved."
        : "Keep this answer to one line of plain text.",
    });
}

export const MUST_AGREE = "You need to agree to continue.";

const UNKNOWN = "This question is not part of the form.";

export type AnswerMode = "draft" | "submit";

export function answerSchema(questions: Question[], mode: AnswerMode) {
  const shape: Record<string, z.ZodType> = {};
  for (const q of questions.filter(isAnswerable)) {
    const field = answerFieldSchema(q);
    if (mode === "draft" || !q.required) {
      shape[q.id] = field.nullable().optional();
    } else {
      const message = q.type === "signature" ? "Sign the form." : "This question needs an answer.";
      shape[q.id] = z.any().superRefine((v, ctx) => {
        if (
          v === undefined ||
          v === null ||
          (typeof v === "string" && v.trim() === "") ||
          (Array.isArray(v) && v.length === 0)
        ) {
          ctx.addIssue({ code: "custom", message });
          return;
        }
        const r = field.safeParse(v);
        if (!r.success)
          for (const i of r.error.issues) ctx.addIssue({ code: "custom", message: i.message, path: i.path });
      });
    }
  }
  // An answer for a question the template does not have is refused at that key.
  return z.object(shape).catchall(z.never({ error: UNKNOWN }));
}

export type Answers = Record<string, unknown>;

/** Field errors keyed by question id, for showing at the field. */
export function answerErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const k of issue.keys) out[k] ??= UNKNOWN;
      continue;
    }
    const key = String(issue.path[0] ?? "_form");
    out[key] ??= issue.message;
  }
  return out;
}
