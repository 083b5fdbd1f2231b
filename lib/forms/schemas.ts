import { z } from "zod";
import { QUESTION_TYPES, isAnswerable } from "./types";
import { optionalDateField, textField, uuidField } from "@/lib/core/validation";

/** Zod schemas of the forms domain's own forms (docs/decisions.md, Code conventions: One schema per form), shared by the browser and the actions. */

const choice = z.object({
  value: textField(200, "An option's value", { required: "Each option needs a value." }),
  label: textField(300, "An option's label", { required: "Each option needs a label." }),
});

export const questionSchema = z
  .object({
    id: z
      .string({ error: "Question ids use letters, digits and _." })
      .trim()
      .regex(/^[a-z0-9_]{1,64}$/i, { error: "Question ids use letters, digits and _." }),
    type: z.enum(QUESTION_TYPES),
    label: textField(2000, "A question's text", { required: "Every question needs text.", multiline: true }),
    required: z.boolean().optional(),
    help: textField(1000, "The help text", { multiline: true }).optional(),
    options: z.array(choice).max(50).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    minLabel: textField(100, "The lowest value's label").optional(),
    maxLabel: textField(100, "The highest value's label").optional(),
    /** Consents: only "Yes" lets the form be submitted (docs/decisions.md, Forms and safety). */
    mustAgree: z.boolean().optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.type === "single_choice" || q.type === "multi_choice") && (q.options?.length ?? 0) < 2) {
      ctx.addIssue({ code: "custom", message: "Give at least two options.", path: ["options"] });
    }
    if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length) {
      ctx.addIssue({ code: "custom", message: "Options must differ.", path: ["options"] });
    }
    if (q.type === "scale" && (q.min === undefined || q.max === undefined || q.max <= q.min || q.max - q.min > 100)) {
      ctx.addIssue({
        code: "custom",
        message: "A scale needs a lowest and a highest value (at most 100 apart).",
        path: ["max"],
      });
    }
    if (q.mustAgree && q.type !== "yes_no") {
      ctx.addIssue({ code: "custom", message: "Only a yes/no question can require Yes.", path: ["mustAgree"] });
    }
    if (q.min !== undefined && q.max !== undefined && q.max < q.min) {
      ctx.addIssue({ code: "custom", message: "The highest value must be at least the lowest.", path: ["max"] });
    }
  });

export const templateSchema = z
  .object({
    templateId: uuidField().optional(),
    title: textField(200, "The title", { required: "Give the form a title." }),
    description: textField(2000, "The description", { multiline: true }).optional(),
    questions: z.array(questionSchema).min(1, { error: "Add at least one question." }).max(200),
  })
  .superRefine((t, ctx) => {
    const ids = t.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", message: "Two questions share an id.", path: ["questions"] });
    if (!t.questions.some(isAnswerable))
      ctx.addIssue({ code: "custom", message: "Add at least one question to answer.", path: ["questions"] });
  });
export type TemplateInput = z.input<typeof templateSchema>;

export const sendFormsSchema = z.object({
  profileId: uuidField(),
  templateIds: z.preprocess(
    (v) => (v === undefined ? [] : [v].flat()),
    z.array(uuidField()).min(1, { error: "Choose at least one form." }).max(20),
  ),
  dueDate: optionalDateField("the due date"),
});

export const acknowledgeAlertSchema = z.object({ alertId: uuidField() });

export const responseIdSchema = z.object({ responseId: uuidField() });

/** Per changed question, the saved-at the page last saw (ISO) or null: the merge rule's bases (docs/decisions.md, Forms and safety). */
const bases = z.record(z.string().max(64), z.iso.datetime({ offset: true }).nullable()).default({});

export const submitResponseSchema = z.object({
  responseId: uuidField(),
  answers: z.record(z.string(), z.unknown()).default({}),
  bases,
});

/** Autosave: the changed answers with their bases, and the newest saved-at the page knows (to receive newer answers). */
export const draftSchema = z.object({
  answers: z.record(z.string(), z.unknown()),
  // A changed answer without a base counts as "the page saw no answer": it never overwrites a saved one.
  bases,
  since: z.iso.datetime({ offset: true }).nullable().optional(),
});
