"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

export function AcknowledgeButton({ alertId, action }: { alertId: string; action: (fd: FormData) => Promise<ActionResult<{ acknowledged: boolean }>> }) {
  const [state, formAction, pending] = useActionState(async (_p: ActionResult<{ acknowledged: boolean }> | null, fd: FormData) => action(fd), null);
  return (
    <form action={formAction} className="flex flex-col gap-1">
      <input type="hidden" name="alertId" value={alertId} />
      <Button type="submit" variant="danger" disabled={pending}>
        {pending ? "Acknowledging…" : "Acknowledge"}
      </Button>
      {state && !state.ok ? (
        <p role="alert" className="text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
