"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { emailLinkSchema, pinSignInSchema } from "@/lib/auth/schemas";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/form-controls";

type FieldSpec = {
  name: string;
  label: string;
  type?: string;
  autoComplete?: string;
  inputMode?: "email" | "numeric";
  maxLength?: number;
  hint?: ReactNode;
};
const schemas = { emailLink: emailLinkSchema, pin: pinSignInSchema };
type State = { error?: string; fieldErrors?: Record<string, string[]> } | null;

/**
 * A sign-in form that posts to a route handler (so a rate limit can answer 429: docs/decisions.md). Without
 * JavaScript the browser posts it natively; with it, the same zod schema checks it first, then it posts with
 * `Accept: application/json` and shows the server's message at the field, keeping what was typed.
 */
export function ProgressiveForm({
  action,
  schemaName,
  fields,
  submitLabel,
  pendingLabel,
  defaults = {},
}: {
  action: string;
  schemaName: keyof typeof schemas;
  fields: FieldSpec[];
  submitLabel: string;
  pendingLabel: string;
  defaults?: Record<string, string>;
}) {
  const [state, setState] = useState<State>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const values = Object.fromEntries([...fd.entries()].filter(([, v]) => typeof v === "string")) as Record<
      string,
      string
    >;
    const parsed = schemas[schemaName].safeParse(values);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const i of parsed.error.issues) (fieldErrors[String(i.path[0] ?? "_form")] ??= []).push(i.message);
      setState({ error: "Please correct the highlighted fields.", fieldErrors });
      return;
    }
    setPending(true);
    try {
      const res = await fetch(action, {
        method: "POST",
        body: new URLSearchParams(values),
        headers: { Accept: "application/json" },
      });
      const body = (await res.json()) as {
        ok: boolean;
        redirectTo?: string;
        error?: string;
        fieldErrors?: Record<string, string[]>;
      };
      if (body.ok && body.redirectTo) {
        window.location.assign(body.redirectTo);
        return;
      }
      setState({ error: body.error ?? "Something went wrong. Please try again.", fieldErrors: body.fieldErrors });
    } catch {
      setState({ error: "We could not reach the server. Check your connection and try again." });
    }
    setPending(false);
  }

  const hasFieldErrors = Boolean(state?.fieldErrors && Object.keys(state.fieldErrors).length > 0);
  return (
    <form method="post" action={action} onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      {fields.map((f) => (
        <TextField
          key={f.name}
          label={f.label}
          name={f.name}
          type={f.type ?? "text"}
          autoComplete={f.autoComplete}
          inputMode={f.inputMode}
          maxLength={f.maxLength}
          hint={f.hint}
          required
          defaultValue={defaults[f.name]}
          error={state?.fieldErrors?.[f.name]}
        />
      ))}
      {state?.error && !hasFieldErrors ? (
        <p
          role="alert"
          className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900"
          data-testid="form-error"
        >
          {state.error}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
