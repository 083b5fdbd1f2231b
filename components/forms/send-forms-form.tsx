"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/action";

type Template = { id: string; title: string };

/** Pick one or more templates and an optional due date (docs/product.md, Forms: sending and completing). */
export function SendFormsForm({ profileId, templates, action }: { profileId: string; templates: Template[]; action: (fd: FormData) => Promise<ActionResult<{ sent: number }>> }) {
  const [state, formAction, pending] = useActionState(async (_p: ActionResult<{ sent: number }> | null, fd: FormData) => action(fd), null);
  const err = state && !state.ok ? state.fieldErrors : undefined;
  const picked = state && !state.ok ? [state.values?.templateIds].flat() : [];
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="profileId" value={profileId} />
      <fieldset className="flex flex-col gap-2" aria-describedby={err?.templateIds ? "send-templates-error" : undefined}>
        <legend className="mb-1 font-medium text-slate-900">Forms to send</legend>
        {templates.map((t) => (
          <label key={t.id} className="flex min-h-11 items-center gap-3">
            <input type="checkbox" name="templateIds" value={t.id} className="h-5 w-5 shrink-0" defaultChecked={picked.includes(t.id)} />
            <span>{t.title}</span>
          </label>
        ))}
        {err?.templateIds ? (
          <p id="send-templates-error" className="text-sm font-medium text-red-800">
            {err.templateIds[0]}
          </p>
        ) : null}
      </fieldset>
      <Field label="Due date (optional)" name="dueDate" type="date" error={err?.dueDate} defaultValue={(state && !state.ok ? (state.values?.dueDate as string) : "") ?? ""} />
      <Button type="submit" disabled={pending} className="self-start">
        {pending ? "Sending…" : "Send forms"}
      </Button>
      <p role="status" className="text-sm text-slate-800">
        {state?.ok ? `Sent ${state.data.sent} ${state.data.sent === 1 ? "form" : "forms"}. The client was emailed.` : ""}
      </p>
      {state && !state.ok && !state.fieldErrors ? (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
