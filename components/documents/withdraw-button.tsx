"use client";

import { useRouter } from "next/navigation";
import type { ActionResult } from "@/lib/auth/action";
import { ConfirmButton } from "@/components/ui/confirm-button";

/** Withdraws a share after a confirmation; the record stays for audit. */
export function WithdrawButton({
  documentId,
  fileName,
  action,
}: {
  documentId: string;
  fileName: string;
  action: (fd: FormData) => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  return (
    <ConfirmButton
      action={action}
      hidden={{ documentId }}
      question={`Withdraw ${fileName}?`}
      consequence="The client will no longer see it. The record stays for the audit log."
      submitLabel="Withdraw"
      pendingLabel="Withdrawing…"
      // The accessible name keeps the visible words in every state (WCAG 2.5.3, label in name).
      nameSuffix={` ${fileName}`}
      onResult={(r) => (r.ok ? router.refresh() : undefined)}
    />
  );
}
