"use client";

import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { describedByFor, FieldFrame, useFieldState } from "@/components/ui/field";

/**
 * The one set of form controls. Each works in both sanctioned kinds of form (see components/ui/action-form.tsx):
 * inside an `ActionForm` it reads its error and what was typed from the form's last result; in a react-hook-form
 * form it takes `{...register(name)}` and `error={errors.name?.message}`. An `error` prop always wins.
 */

const inputClass =
  "min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

type Common = { label: ReactNode; name: string; error?: string | string[]; hint?: ReactNode };

/** Inside an ActionForm several forms on a page share field names, so ids are unique per instance there. */
function useControlId(name: string, given: string | undefined, inActionForm: boolean) {
  const uid = useId();
  return given ?? (inActionForm ? `${uid}-${name}` : `f-${name}`);
}

/** The typed value replaces the default after a failed submit (uncontrolled inputs only). */
function typedDefault<T>(typed: unknown, fallback: T): T | string {
  return typeof typed === "string" ? typed : fallback;
}

/** A labelled text input (any text-like `type`); `children` may replace the input (e.g. a card element). */
export function TextField({
  label,
  name,
  error,
  hint,
  children,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & Common & { children?: ReactNode }) {
  const f = useFieldState(name, error);
  const id = useControlId(name, input.id, f.inActionForm);
  const defaultValue =
    "value" in input ? input.defaultValue : typedDefault(f.typed, input.defaultValue as string | undefined);
  // In an ActionForm the form-level result is the announcement; elsewhere the field error is announced itself.
  return (
    <FieldFrame id={id} label={label} hint={hint} error={f.error} announce={!f.inActionForm}>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={f.error ? true : undefined}
          aria-describedby={describedByFor(id, hint, f.error)}
          className={inputClass}
          {...input}
          {...("value" in input ? {} : { defaultValue })}
        />
      )}
    </FieldFrame>
  );
}

/** A labelled select: pass `options`, or `<option>` children. */
export function SelectField({
  label,
  name,
  error,
  hint,
  options,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> &
  Common & { options?: { value: string; label: string }[]; children?: ReactNode }) {
  const f = useFieldState(name, error);
  const id = useControlId(name, select.id, f.inActionForm);
  const defaultValue = "value" in select ? undefined : typedDefault(f.typed, select.defaultValue as string | undefined);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={f.error} announce={!f.inActionForm}>
      <select
        id={id}
        name={name}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedByFor(id, hint, f.error)}
        className={inputClass}
        {...select}
        {...("value" in select ? {} : { defaultValue })}
        // A typed value changes the default; the key remounts the select so it shows it.
        key={typeof f.typed === "string" ? f.typed : undefined}
      >
        {options
          ? options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          : children}
      </select>
    </FieldFrame>
  );
}

export function TextareaField({
  label,
  name,
  error,
  hint,
  ...ta
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Common) {
  const f = useFieldState(name, error);
  const id = useControlId(name, ta.id, f.inActionForm);
  const defaultValue = "value" in ta ? undefined : typedDefault(f.typed, ta.defaultValue as string | undefined);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={f.error} announce={!f.inActionForm}>
      <textarea
        id={id}
        name={name}
        rows={3}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedByFor(id, hint, f.error)}
        className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        {...ta}
        {...("value" in ta ? {} : { defaultValue })}
      />
    </FieldFrame>
  );
}

/** Radio or checkbox choices in a fieldset; each option may carry an explanation. After a failed submit the choices made are kept. */
export function ChoiceGroup({
  name,
  legend,
  options,
  type = "radio",
  defaultValue = [],
  emptyText,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string; hint?: string }[];
  type?: "radio" | "checkbox";
  defaultValue?: string[];
  emptyText?: string;
  error?: string | string[];
}) {
  const f = useFieldState(name, error);
  const id = `${useId()}-${name}`;
  const picked = f.hasValues ? [f.typed].flat().filter((v): v is string => typeof v === "string") : defaultValue;
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={f.error ? `${id}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{legend}</legend>
      {options.length === 0 && emptyText ? <p className="text-sm text-slate-700">{emptyText}</p> : null}
      {options.map((o, i) => (
        <div key={`${o.value}-${picked.includes(o.value)}`} className="flex items-start gap-2">
          <input
            id={`${id}-${i}`}
            type={type}
            name={name}
            value={o.value}
            defaultChecked={picked.includes(o.value)}
            className="mt-1 h-5 w-5 shrink-0"
            aria-describedby={o.hint ? `${id}-${i}-hint` : undefined}
          />
          <div className="min-w-0">
            <label htmlFor={`${id}-${i}`} className="text-base text-slate-900">
              {o.label}
            </label>
            {o.hint ? (
              <p id={`${id}-${i}-hint`} className="text-sm text-slate-700">
                {o.hint}
              </p>
            ) : null}
          </div>
        </div>
      ))}
      {f.error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {f.error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The form-level message after a failed action (field errors are shown at their fields). */
export function FormError({ message }: { message?: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm font-medium text-red-800">
      {message}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900"
    >
      {children}
    </p>
  );
}
