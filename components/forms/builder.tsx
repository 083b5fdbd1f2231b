"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import {
  QUESTION_TYPES,
  QUESTION_TYPE_LABELS,
  isAnswerable,
  type Question,
  type QuestionType,
} from "@/lib/forms/types";
import type { ActionResult } from "@/lib/auth/action";
import type { TemplateInput } from "@/lib/forms/schemas";
import { FormFiller } from "./form-filler";

type Props = {
  templateId?: string;
  initial: { title: string; description: string; questions: Question[] };
  action: (input: TemplateInput) => Promise<ActionResult<{ templateId: string; version: number }>>;
  version?: number;
};

const inputClass = "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base";
const newId = () => `q_${Math.random().toString(36).slice(2, 10)}`;
const slug = (s: string, i: number) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "")
    .slice(0, 40) || `option_${i + 1}`;

function blank(type: QuestionType): Question {
  const q: Question = {
    id: newId(),
    type,
    label: "",
    required: isAnswerable({ type }) && type !== "heading" ? false : undefined,
  };
  if (type === "single_choice" || type === "multi_choice")
    q.options = [
      { value: "option_1", label: "Option 1" },
      { value: "option_2", label: "Option 2" },
    ];
  if (type === "scale") Object.assign(q, { min: 0, max: 10 });
  return q;
}

/**
 * The template builder (docs/product.md, Forms: builder): every question type, required or optional, reorder with buttons
 * (keyboard-friendly), and a preview that is the portal's own form component. Saving adds a version.
 */
export function Builder({ templateId, initial, action, version }: Props) {
  const router = useRouter();
  const [title, setTitle] = useState(initial.title);
  const [description, setDescription] = useState(initial.description);
  const [questions, setQuestions] = useState<Question[]>(initial.questions);
  const [addType, setAddType] = useState<QuestionType>("short_text");
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const update = (i: number, patch: Partial<Question>) =>
    setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const move = (i: number, d: -1 | 1) =>
    setQuestions((qs) => {
      const j = i + d;
      if (j < 0 || j >= qs.length) return qs;
      const next = [...qs];
      [next[i], next[j]] = [next[j], next[i]];
      return next;
    });
  const remove = (i: number) => setQuestions((qs) => qs.filter((_, j) => j !== i));
  const err = (key: string) => errors[key]?.[0];

  async function save() {
    setSaving(true);
    setMessage(null);
    const r = await action({ templateId, title, description, questions });
    setSaving(false);
    if (r.ok) {
      setErrors({});
      setMessage(`Saved as version ${r.data.version}. Forms already sent keep the version they were sent with.`);
      if (!templateId) router.push(`/dashboard/forms/${r.data.templateId}?saved=1`);
      else router.refresh();
    } else {
      setErrors(r.fieldErrors ?? {});
      setMessage(r.error);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Mode">
        <Button
          type="button"
          variant={preview ? "secondary" : "primary"}
          aria-pressed={!preview}
          onClick={() => setPreview(false)}
        >
          Edit
        </Button>
        <Button
          type="button"
          variant={preview ? "primary" : "secondary"}
          aria-pressed={preview}
          onClick={() => setPreview(true)}
        >
          Preview
        </Button>
      </div>
      {preview ? (
        <section aria-labelledby="preview-h" className="flex flex-col gap-3 rounded-md border border-slate-300 p-4">
          <h2 id="preview-h" className="text-xl font-semibold">
            Preview: {title || "Untitled form"}
          </h2>
          <p className="text-sm text-slate-700">This is what the client sees. Nothing is saved.</p>
          <FormFiller
            preview
            title={title || "Untitled form"}
            questions={questions.filter((q) => q.label.trim())}
            initialAnswers={{}}
          />
        </section>
      ) : (
        <form
          className="flex flex-col gap-5"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="flex flex-col gap-1">
            <label htmlFor="t-title" className="font-medium">
              Form title
            </label>
            <input
              id="t-title"
              className={inputClass}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              aria-invalid={err("title") ? true : undefined}
              aria-describedby={err("title") ? "t-title-error" : undefined}
            />
            {err("title") ? (
              <p id="t-title-error" className="text-sm font-medium text-red-800">
                {err("title")}
              </p>
            ) : null}
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="t-desc" className="font-medium">
              Description (optional)
            </label>
            <textarea
              id="t-desc"
              className={inputClass}
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </div>
          <h2 className="text-xl font-semibold">Questions ({questions.length})</h2>
          {err("questions") ? <p className="text-sm font-medium text-red-800">{err("questions")}</p> : null}
          <ol className="flex flex-col gap-4">
            {questions.map((q, i) => {
              const base = `b-${q.id}`;
              const labelErr = err(`questions.${i}.label`);
              const optErr = err(`questions.${i}.options`) ?? err(`questions.${i}.options.0.label`);
              const rangeErr = err(`questions.${i}.max`);
              return (
                <li
                  key={q.id}
                  className="flex flex-col gap-3 rounded-md border border-slate-300 p-3"
                  aria-label={`Question ${i + 1}: ${QUESTION_TYPE_LABELS[q.type]}`}
                >
                  <p className="text-sm font-semibold text-slate-800">
                    {i + 1}. {QUESTION_TYPE_LABELS[q.type]}
                  </p>
                  <div className="flex flex-col gap-1">
                    <label htmlFor={`${base}-label`} className="text-sm font-medium">
                      {q.type === "info" ? "Text to show" : q.type === "heading" ? "Heading" : "Question text"}
                    </label>
                    <textarea
                      id={`${base}-label`}
                      rows={q.type === "info" ? 3 : 1}
                      className={inputClass}
                      value={q.label}
                      onChange={(e) => update(i, { label: e.target.value })}
                      aria-invalid={labelErr ? true : undefined}
                      aria-describedby={labelErr ? `${base}-label-error` : undefined}
                    />
                    {labelErr ? (
                      <p id={`${base}-label-error`} className="text-sm font-medium text-red-800">
                        {labelErr}
                      </p>
                    ) : null}
                  </div>
                  {isAnswerable(q) ? (
                    <label className="flex min-h-11 items-center gap-3">
                      <input
                        type="checkbox"
                        className="h-5 w-5 shrink-0"
                        checked={q.required === true}
                        onChange={(e) => update(i, { required: e.target.checked })}
                      />
                      <span>Required</span>
                    </label>
                  ) : null}
                  {q.type === "yes_no" ? (
                    <label className="flex min-h-11 items-center gap-3">
                      <input
                        type="checkbox"
                        className="h-5 w-5 shrink-0"
                        checked={q.mustAgree === true}
                        onChange={(e) =>
                          update(i, e.target.checked ? { mustAgree: true, required: true } : { mustAgree: undefined })
                        }
                      />
                      <span>Must be answered Yes to submit (for consents)</span>
                    </label>
                  ) : null}
                  {q.type === "single_choice" || q.type === "multi_choice" ? (
                    <div className="flex flex-col gap-1">
                      <label htmlFor={`${base}-options`} className="text-sm font-medium">
                        Options, one per line
                      </label>
                      <textarea
                        id={`${base}-options`}
                        rows={4}
                        className={inputClass}
                        defaultValue={(q.options ?? []).map((o) => o.label).join("\n")}
                        onChange={(e) => {
                          const labels = e.target.value
                            .split("\n")
                            .map((s) => s.trim())
                            .filter(Boolean);
                          const used = new Set<string>();
                          const options = labels.map((label, k) => {
                            const existing = q.options?.find((o) => o.label === label);
                            let value = existing?.value ?? slug(label, k);
                            while (used.has(value)) value = `${value}_${k + 1}`;
                            used.add(value);
                            return { value, label };
                          });
                          update(i, { options });
                        }}
                        aria-describedby={optErr ? `${base}-options-error` : undefined}
                      />
                      {optErr ? (
                        <p id={`${base}-options-error`} className="text-sm font-medium text-red-800">
                          {optErr}
                        </p>
                      ) : null}
                    </div>
                  ) : null}
                  {q.type === "number" || q.type === "scale" ? (
                    <div className="grid grid-cols-2 gap-3">
                      {(["min", "max"] as const).map((k) => (
                        <div key={k} className="flex flex-col gap-1">
                          <label htmlFor={`${base}-${k}`} className="text-sm font-medium">
                            {k === "min" ? "Lowest" : "Highest"}
                            {q.type === "number" ? " (optional)" : ""}
                          </label>
                          <input
                            id={`${base}-${k}`}
                            inputMode="numeric"
                            className={inputClass}
                            value={q[k] ?? ""}
                            onChange={(e) =>
                              update(i, {
                                [k]:
                                  e.target.value === "" || Number.isNaN(Number(e.target.value))
                                    ? undefined
                                    : Number(e.target.value),
                              })
                            }
                          />
                        </div>
                      ))}
                      {rangeErr ? <p className="col-span-2 text-sm font-medium text-red-800">{rangeErr}</p> : null}
                    </div>
                  ) : null}
                  <div className="flex flex-wrap gap-2">
                    <Button type="button" variant="secondary" onClick={() => move(i, -1)} disabled={i === 0}>
                      Move up<span className="sr-only"> question {i + 1}</span>
                    </Button>
                    <Button
                      type="button"
                      variant="secondary"
                      onClick={() => move(i, 1)}
                      disabled={i === questions.length - 1}
                    >
                      Move down<span className="sr-only"> question {i + 1}</span>
                    </Button>
                    <Button type="button" variant="secondary" onClick={() => remove(i)}>
                      Remove<span className="sr-only"> question {i + 1}</span>
                    </Button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="flex flex-wrap items-end gap-2 rounded-md bg-slate-50 p-3">
            <div className="flex flex-col gap-1">
              <label htmlFor="add-type" className="text-sm font-medium">
                Question type
              </label>
              <select
                id="add-type"
                className={inputClass}
                value={addType}
                onChange={(e) => setAddType(e.target.value as QuestionType)}
              >
                {QUESTION_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {QUESTION_TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </div>
            <Button type="button" variant="secondary" onClick={() => setQuestions((qs) => [...qs, blank(addType)])}>
              Add question
            </Button>
          </div>
          <div className="flex flex-col gap-2">
            <Button type="submit" disabled={saving} className="self-start">
              {saving ? "Saving…" : templateId ? `Save as version ${(version ?? 0) + 1}` : "Save form"}
            </Button>
            <p role="status" className="text-sm text-slate-800">
              {message}
            </p>
          </div>
        </form>
      )}
    </div>
  );
}
