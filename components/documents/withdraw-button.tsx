"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/action";

/** Withdraws a share after a confirmation; the record stays for audit. */
export function WithdrawButton({ documentId, fileName, action }: { documentId: string; fileName: string; action: (input: { documentId: string }) => Promise<ActionResult<null>> }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState("");
  return (
    <span className="flex flex-col items-start gap-1">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        // The accessible name keeps the visible words in every state (WCAG 2.5.3, label in name).
        aria-label={`${pending ? "Withdrawing…" : "Withdraw"} ${fileName}`}
        onClick={() => {
          if (!window.confirm("Withdraw this document? The client will no longer see it.")) return;
          start(async () => {
            const r = await action({ documentId });
            if (!r.ok) setError(r.error);
            else router.refresh();
          });
        }}
      >
        {pending ? "Withdrawing…" : "Withdraw"}
      </Button>
      {error ? (
        <span role="alert" className="text-sm text-red-800">
          {error}
        </span>
      ) : null}
    </span>
  );
}
