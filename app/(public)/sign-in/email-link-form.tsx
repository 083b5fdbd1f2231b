"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action";

export function EmailLinkForm({ action, defaultEmail = "", label = "Email Me a Link" }: { action: (fd: FormData) => Promise<ActionResult<void>>; defaultEmail?: string; label?: string }) {
  const [state, formAction, pending] = useActionState(async (_prev: ActionResult<void> | null, fd: FormData) => action(fd), null);
  const values = state && !state.ok ? state.values : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <Field
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        inputMode="email"
        required
        defaultValue={(values?.email as string | undefined) ?? defaultEmail}
        error={state && !state.ok ? (state.fieldErrors?.email ?? (state.fieldErrors ? undefined : state.error)) : undefined}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Sending…" : label}
      </Button>
    </form>
  );
}
