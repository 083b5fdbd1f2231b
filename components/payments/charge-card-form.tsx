"use client";

import { useRouter } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-controls";
import type { ActionResult } from "@/lib/auth/action";

type Outcome = { status: string };

export function ChargeCardForm({
  invoiceId,
  defaultAmount,
  cardText,
  action,
}: {
  invoiceId: string;
  defaultAmount: string;
  cardText: string;
  action: (fd: FormData) => Promise<ActionResult<Outcome>>;
}) {
  const router = useRouter();
  return (
    <ActionForm
      action={action}
      hidden={{ invoiceId }}
      submitLabel="Charge card on file"
      pendingLabel="Charging…"
      className="flex flex-col gap-3"
      successMessage={(d) =>
        d.status === "succeeded"
          ? "The card was charged and the payment recorded."
          : "The charge is processing; the invoice updates when it completes."
      }
      onResult={(r) => (r.ok ? router.refresh() : undefined)}
    >
      <TextField
        label={`Amount to charge to ${cardText}`}
        name="amount"
        inputMode="decimal"
        defaultValue={defaultAmount}
      />
    </ActionForm>
  );
}
