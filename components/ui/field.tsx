"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { ActionResult } from "@/lib/auth/action";

/** The ids a control points at with aria-describedby: its hint and its error, when present. */
export function describedByFor(id: string, hint?: ReactNode, error?: string): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

/**
 * The last result of the enclosing `ActionForm` (null outside one). The controls in components/ui/form-controls.tsx
 * read their error and what was typed from it, so the same control serves both sanctioned ways of building a form.
 */
export const ActionFormState = createContext<{ result: ActionResult<unknown> | null } | null>(null);

/**
 * What a control shows: the `error` prop when given (react-hook-form passes its own), otherwise the enclosing
 * ActionForm's field error; and the value typed before a failed submit, so nothing typed is lost.
 */
export function useFieldState(name: string, error?: string | string[]) {
  const form = useContext(ActionFormState);
  const failed = form?.result && !form.result.ok ? form.result : null;
  const own = Array.isArray(error) ? error[0] : error;
  return {
    inActionForm: form !== null,
    error: own ?? failed?.fieldErrors?.[name]?.[0],
    typed: failed?.values?.[name],
    /** True after a failed submit that echoed what was typed (an unticked checkbox is then absent, not a default). */
    hasValues: Boolean(failed?.values),
  };
}

/**
 * The one frame every form control sits in: label, the control, a hint and the error at the field.
 * `announce` puts the error in a live region (role=alert) so screen readers read it when it appears.
 */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  announce = true,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  announce?: boolean;
  children: ReactNode;
}) {
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
