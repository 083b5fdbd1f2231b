"use client";

import { ActionButton } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/auth/action";

export function AcknowledgeButton({
  alertId,
  action,
}: {
  alertId: string;
  action: (fd: FormData) => Promise<ActionResult<{ acknowledged: boolean }>>;
}) {
  return (
    <ActionButton
      action={action}
      hidden={{ alertId }}
      submitLabel="Acknowledge"
      pendingLabel="Acknowledging…"
      variant="danger"
    />
  );
}
