"use client";

import { useRouter } from "next/navigation";
import { ActionButton } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/auth/action";

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
    <ActionButton
      action={action}
      hidden={{ documentId }}
      confirm="Withdraw this document? The client will no longer see it."
      submitLabel="Withdraw"
      pendingLabel="Withdrawing…"
      // The accessible name keeps the visible words in every state (WCAG 2.5.3, label in name).
      nameSuffix={` ${fileName}`}
      variant="secondary"
      className="flex flex-col items-start gap-1"
      onResult={(r) => (r.ok ? router.refresh() : undefined)}
    />
  );
}
