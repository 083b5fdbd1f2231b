"use client";

import { useActionState } from "react";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { ActionResult } from "@/lib/auth/action";

type Outcome = { status: string };

export function ChargeCardForm({ invoiceId, defaultAmount, cardText, action }: { invoiceId: string; defaultAmount: string; cardText: string; action: (fd: FormData) => Promise<ActionResult<Outcome>> }) {
  const router = useRouter();
  const [state, formAction, pending] = useActionState(async (_p: ActionResult<Outcome> | null, fd: FormData) => action(fd), null);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Field
        label={`Amount to charge to ${cardText}`}
        name="amount"
        inputMode="decimal"
        defaultValue={(state && !state.ok ? (state.values?.amount as string | undefined) : undefined) ?? defaultAmount}
        error={state && !state.ok ? (state.fieldErrors?.amount ?? undefined) : undefined}
      />
      {state && !state.ok && !state.fieldErrors?.amount ? (
        <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-brand-900">
          {state.data.status === "succeeded" ? "The card was charged and the payment recorded." : "The charge is processing; the invoice updates when it completes."}
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Charging…" : "Charge card on file"}
      </Button>
    </form>
  );
}
