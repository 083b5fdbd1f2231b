import type { InputHTMLAttributes, ReactNode } from "react";

/** The ids a control points at with aria-describedby: its hint and its error, when present. */
export function describedByFor(id: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/**
 * The one frame every form control sits in: label, the control, a hint and the error at the field.
 * `announce` puts the error in a live region (role=alert) so screen readers read it when it appears.
 */
export function FieldFrame({ id, label, hint, error, announce = true, children }: { id: string; label: ReactNode; hint?: ReactNode; error?: string; announce?: boolean; children: ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800" role={announce ? "alert" : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

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
  const describedBy = describedByFor(id, hint, msg);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={msg}>
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
    </FieldFrame>
  );
}
