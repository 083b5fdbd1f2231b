import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";
import { describedByFor, FieldFrame } from "@/components/ui/field";

/** A labelled select whose error is shown at the field (same look and a11y wiring as components/ui/field). */
export function SelectField({
  label,
  name,
  error,
  hint,
  children,
  ...select
}: SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  const id = select.id ?? `f-${name}`;
  const describedBy = describedByFor(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="min-h-11 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        {...select}
      >
        {children}
      </select>
    </FieldFrame>
  );
}

export function TextareaField({ label, name, error, hint, ...ta }: TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; name: string; error?: string; hint?: ReactNode }) {
  const id = ta.id ?? `f-${name}`;
  const describedBy = describedByFor(id, hint, error);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700"
        {...ta}
      />
    </FieldFrame>
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
    <p role="status" className="rounded-md border border-brand-600 bg-brand-50 px-3 py-2 text-sm font-medium text-brand-900">
      {children}
    </p>
  );
}
