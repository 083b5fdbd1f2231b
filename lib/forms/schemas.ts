import { z } from "zod";
import { QUESTION_TYPES, isAnswerable } from "./types";

/** Zod schemas of the forms domain's own forms (docs/decisions.md, Code conventions: One schema per form), shared by the browser and the actions. */

const choice = z.object({
  value: z.string().trim().min(1, { error: "Each option needs a value." }).max(200),
  label: z.string().trim().min(1, { error: "Each option needs a label." }).max(300),
});

export const questionSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9_]{1,64}$/i, { error: "Question ids use letters, digits and _." }),
    type: z.enum(QUESTION_TYPES),
    label: z.string().trim().min(1, { error: "Every question needs text." }).max(2000),
    required: z.boolean().optional(),
    help: z.string().trim().max(1000).optional(),
    options: z.array(choice).max(50).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    minLabel: z.string().trim().max(100).optional(),
    maxLabel: z.string().trim().max(100).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.type === "single_choice" || q.type === "multi_choice") && (q.options?.length ?? 0) < 2) {
      ctx.addIssue({ code: "custom", message: "Give at least two options.", path: ["options"] });
    }
    if (q.options && new Set(q.options.map((o) => o.value)).size !== q.options.length) {
      ctx.addIssue({ code: "custom", message: "Options must differ.", path: ["options"] });
    }
    if (q.type === "scale" && (q.min === undefined || q.max === undefined || q.max <= q.min || q.max - q.min > 100)) {
      ctx.addIssue({ code: "custom", message: "A scale needs a lowest and a highest value (at most 100 apart).", path: ["max"] });
    }
    if (q.min !== undefined && q.max !== undefined && q.max < q.min) {
      ctx.addIssue({ code: "custom", message: "The highest value must be at least the lowest.", path: ["max"] });
    }
  });

export const templateSchema = z
  .object({
    templateId: z.uuid().optional(),
    title: z.string().trim().min(1, { error: "Give the form a title." }).max(200),
    description: z.string().trim().max(2000).optional(),
    questions: z.array(questionSchema).min(1, { error: "Add at least one question." }).max(200),
  })
  .superRefine((t, ctx) => {
    const ids = t.questions.map((q) => q.id);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", message: "Two questions share an id.", path: ["questions"] });
    if (!t.questions.some(isAnswerable)) ctx.addIssue({ code: "custom", message: "Add at least one question to answer.", path: ["questions"] });
  });
export type TemplateInput = z.input<typeof templateSchema>;

export const sendFormsSchema = z.object({
  profileId: z.uuid(),
  templateIds: z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.uuid()).min(1, { error: "Choose at least one form." }).max(20)),
  dueDate: z.preprocess((v) => (v === "" ? undefined : v), z.iso.date({ error: "Enter a date." }).optional()),
});

export const acknowledgeAlertSchema = z.object({ alertId: z.uuid() });

export const submitResponseSchema = z.object({
  responseId: z.uuid(),
  answers: z.record(z.string(), z.unknown()).default({}),
});

export const draftSchema = z.object({ answers: z.record(z.string(), z.unknown()) });
