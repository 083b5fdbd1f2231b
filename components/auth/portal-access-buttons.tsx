"use client";

import { useState } from "react";
import { generatePinAction, restoreAccessAction, revokeAccessAction, sendWelcomeAction } from "@/lib/auth/actions";
import { ActionButton } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/auth/action";
import { ConfirmButton } from "@/components/ui/confirm-button";

type Ids = { profileId: string; userId: string };
const btn = "px-3 text-sm";

function Result({ state, testId }: { state: ActionResult<{ message: string }> | null; testId: string }) {
  if (!state) return null;
  return (
    <p
      role="status"
      data-testid={testId}
      className={state.ok ? "text-sm text-slate-800" : "text-sm font-medium text-red-800"}
    >
      {state.ok ? state.data.message : state.error}
    </p>
  );
}

/** Send welcome email, Generate PIN code (shown once), Revoke / Restore portal access for one portal user. */
export function PortalAccessButtons({
  profileId,
  userId,
  active,
  personLabel,
}: Ids & { active: boolean; personLabel: string }) {
  const ids = { profileId, userId };
  const [welcome, setWelcome] = useState<ActionResult<{ message: string }> | null>(null);
  const [pin, setPin] = useState<ActionResult<{ pin: string }> | null>(null);
  const [revoke, setRevoke] = useState<ActionResult<{ message: string }> | null>(null);
  const [restore, setRestore] = useState<ActionResult<{ message: string }> | null>(null);
  // Each button hands its result up so the messages sit under the row of buttons.
  const common = { hidden: ids, showResult: false, className: "", buttonClassName: btn };

  if (!active) {
    return (
      <div className="flex flex-col gap-2">
        <ActionButton
          action={restoreAccessAction}
          onResult={setRestore}
          submitLabel="Restore portal access"
          nameSuffix={` for ${personLabel}`}
          variant="secondary"
          {...common}
        />
        <Result state={restore} testId="restore-result" />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <ActionButton
          action={sendWelcomeAction}
          onResult={setWelcome}
          submitLabel="Send welcome email"
          nameSuffix={` to ${personLabel}`}
          {...common}
        />
        <ActionButton
          action={generatePinAction}
          onResult={setPin}
          submitLabel="Generate PIN code"
          nameSuffix={` for ${personLabel}`}
          variant="secondary"
          {...common}
        />
        <ConfirmButton
          action={revokeAccessAction}
          onResult={setRevoke}
          question={`Revoke portal access for ${personLabel}?`}
          consequence="They are signed out at once and cannot sign in until you restore it."
          submitLabel="Revoke portal access"
          confirmLabel="Yes, revoke access"
          nameSuffix={` for ${personLabel}`}
          {...common}
        />
      </div>
      <Result state={welcome} testId="welcome-result" />
      {pin ? (
        pin.ok ? (
          <div role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900">
            <p>
              PIN code:{" "}
              <strong className="font-mono text-2xl tracking-widest" data-testid="pin-code">
                {pin.data.pin}
              </strong>
            </p>
            <p className="text-sm text-slate-800">
              Read it to the client by phone and confirm their email address. It works once, for one hour, and is shown
              only now.
            </p>
          </div>
        ) : (
          <p role="status" className="text-sm font-medium text-red-800">
            {pin.error}
          </p>
        )
      ) : null}
      <Result state={revoke} testId="revoke-result" />
    </div>
  );
}
