import type { InputHTMLAttributes, ReactNode } from "react";

/** A labelled input whose error is shown at the field and announced (aria-describedby). */
export function Field({
  label,
  name,
  error,
  hint,
  children,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; error?: string | string[]; hint?: ReactNode; children?: ReactNode }) {
  const id = input.id ?? `f-${name}`;
  const msg = Array.isArray(error) ? error[0] : error;
  const describedBy = [hint ? `${id}-hint` : null, msg ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={msg ? true : undefined}
          aria-describedby={describedBy}
          className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
          {...input}
        />
      )}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      {msg ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800" role="alert">
          {msg}
        </p>
      ) : null}
    </div>
  );
}
