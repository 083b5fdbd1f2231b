"use client";

import { RELATIONSHIPS, type Question, type SignatureInput } from "@/lib/forms/types";

const inputClass =
  "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";
const optionClass =
  "flex min-h-11 items-center gap-3 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50";

type Props = {
  q: Question;
  value: unknown;
  error?: string;
  onChange: (v: unknown) => void;
  disabled?: boolean;
  idPrefix?: string;
};

/**
 * One question as the client sees it: a labelled control, choices as a fieldset with a legend (arrow keys move
 * between radio options), and the error shown at the field and announced.
 */
export function QuestionField({ q, value, error, onChange, disabled, idPrefix = "q" }: Props) {
  const id = `${idPrefix}-${q.id}`;
  const errId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [q.help ? helpId : null, error ? errId : null].filter(Boolean).join(" ") || undefined;
  const req = q.required ? (
    <span className="text-red-800" aria-hidden>
      {" "}
      *
    </span>
  ) : null;
  const reqText = q.required ? <span className="sr-only"> (required)</span> : null;
  const help = q.help ? (
    <p id={helpId} className="text-sm text-slate-700">
      {q.help}
    </p>
  ) : null;
  const err = error ? (
    <p id={errId} className="text-sm font-medium text-red-800">
      {error}
    </p>
  ) : null;

  if (q.type === "heading") return <h2 className="mt-2 text-xl font-semibold text-slate-900">{q.label}</h2>;
  if (q.type === "info") return <p className="rounded-md bg-slate-50 p-3 text-slate-800">{q.label}</p>;

  if (q.type === "short_text" || q.type === "long_text" || q.type === "date" || q.type === "number") {
    const common = {
      id,
      name: q.id,
      disabled,
      "aria-invalid": error ? true : undefined,
      "aria-describedby": describedBy,
      "aria-required": q.required ? true : undefined,
      className: inputClass,
    } as const;
    return (
      <div className="flex flex-col gap-1" data-question={q.id}>
        <label htmlFor={id} className="font-medium text-slate-900">
          {q.label}
          {req}
          {reqText}
        </label>
        {help}
        {q.type === "long_text" ? (
          <textarea {...common} rows={4} value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />
        ) : q.type === "date" ? (
          <input {...common} type="date" value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />
        ) : q.type === "number" ? (
          <input
            {...common}
            type="text"
            inputMode="decimal"
            value={value === null || value === undefined ? "" : String(value)}
            onChange={(e) => onChange(e.target.value)}
          />
        ) : (
          <input {...common} type="text" value={(value as string) ?? ""} onChange={(e) => onChange(e.target.value)} />
        )}
        {err}
      </div>
    );
  }

  if (q.type === "signature") {
    const s = (value ?? {}) as Partial<SignatureInput>;
    const set = (patch: Partial<SignatureInput>) => onChange({ ...s, ...patch });
    return (
      <fieldset
        className="flex flex-col gap-3 rounded-md border border-slate-300 p-3"
        data-question={q.id}
        aria-describedby={describedBy}
      >
        <legend className="px-1 font-medium text-slate-900">
          {q.label}
          {req}
          {reqText}
        </legend>
        {help}
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-name`} className="text-sm font-medium text-slate-900">
            Type your full legal name
          </label>
          <input
            id={`${id}-name`}
            className={inputClass}
            disabled={disabled}
            autoComplete="name"
            value={s.legalName ?? ""}
            onChange={(e) => set({ legalName: e.target.value })}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${id}-rel`} className="text-sm font-medium text-slate-900">
            Your relationship to the client
          </label>
          <select
            id={`${id}-rel`}
            className={inputClass}
            disabled={disabled}
            value={s.relationship ?? ""}
            onChange={(e) => set({ relationship: e.target.value })}
          >
            <option value="">Choose…</option>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <label className="flex items-start gap-3">
          <input
            type="checkbox"
            className="mt-1 h-5 w-5"
            disabled={disabled}
            checked={s.consent === true}
            onChange={(e) => set({ consent: e.target.checked ? true : undefined })}
          />
          <span className="text-slate-900">
            I agree that typing my name above is my electronic signature, with the same effect as signing by hand.
          </span>
        </label>
        {err}
      </fieldset>
    );
  }

  // Choice-like questions: a fieldset of radios or checkboxes.
  const options =
    q.type === "yes_no"
      ? [
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]
      : q.type === "scale"
        ? Array.from({ length: (q.max ?? 10) - (q.min ?? 0) + 1 }, (_, i) => {
            const n = (q.min ?? 0) + i;
            return { value: String(n), label: String(n) };
          })
        : (q.options ?? []);
  const multi = q.type === "multi_choice";
  const current =
    q.type === "yes_no"
      ? value === true
        ? "yes"
        : value === false
          ? "no"
          : ""
      : q.type === "scale"
        ? value === null || value === undefined
          ? ""
          : String(value)
        : value;
  const isChecked = (v: string) => (multi ? Array.isArray(current) && current.includes(v) : current === v);
  const pick = (v: string, checked: boolean) => {
    if (multi) {
      const arr = Array.isArray(value) ? (value as string[]) : [];
      onChange(checked ? [...arr.filter((x) => x !== v), v] : arr.filter((x) => x !== v));
    } else if (q.type === "yes_no") onChange(v === "yes");
    else if (q.type === "scale") onChange(Number(v));
    else onChange(v);
  };
  return (
    <fieldset
      className="flex flex-col gap-2"
      data-question={q.id}
      aria-describedby={describedBy}
      aria-invalid={error ? true : undefined}
    >
      <legend className="mb-1 font-medium text-slate-900">
        {q.label}
        {req}
        {reqText}
      </legend>
      {help}
      {q.type === "scale" && (q.minLabel || q.maxLabel) ? (
        <p className="text-sm text-slate-700">
          {q.min} = {q.minLabel ?? "lowest"}, {q.max} = {q.maxLabel ?? "highest"}
        </p>
      ) : null}
      <div className={q.type === "scale" || q.type === "yes_no" ? "flex flex-wrap gap-2" : "flex flex-col gap-2"}>
        {options.map((o) => (
          <label key={o.value} className={optionClass}>
            <input
              type={multi ? "checkbox" : "radio"}
              name={`${id}`}
              value={o.value}
              className="h-5 w-5 shrink-0"
              disabled={disabled}
              checked={isChecked(o.value)}
              onChange={(e) => pick(o.value, e.target.checked)}
            />
            <span className="text-slate-900">{o.label}</span>
          </label>
        ))}
      </div>
      {err}
    </fieldset>
  );
}
