"use client";

import { useActionState } from "react";
import { generatePinAction, restoreAccessAction, revokeAccessAction, sendWelcomeAction } from "@/lib/auth/actions";
import type { ActionResult } from "@/lib/auth/action";

type Ids = { profileId: string; userId: string };
const btn = "inline-flex min-h-11 items-center justify-center rounded-md px-3 py-2 text-sm font-semibold";

function useIdsAction<R>(action: (input: Ids) => Promise<ActionResult<R>>, ids: Ids) {
  return useActionState(async (_p: ActionResult<R> | null) => action(ids), null);
}

function Result({ state, testId }: { state: ActionResult<{ message: string }> | null; testId: string }) {
  if (!state) return null;
  return (
    <p role="status" data-testid={testId} className={state.ok ? "text-sm text-slate-800" : "text-sm font-medium text-red-800"}>
      {state.ok ? state.data.message : state.error}
    </p>
  );
}

/** Send welcome email, Generate PIN code (shown once), Revoke / Restore portal access for one portal user. */
export function PortalAccessButtons({ profileId, userId, active, personLabel }: Ids & { active: boolean; personLabel: string }) {
  const ids = { profileId, userId };
  const [welcome, sendWelcome, welcomePending] = useIdsAction(sendWelcomeAction, ids);
  const [pin, makePin, pinPending] = useIdsAction(generatePinAction, ids);
  const [revoke, doRevoke, revokePending] = useIdsAction(revokeAccessAction, ids);
  const [restore, doRestore, restorePending] = useIdsAction(restoreAccessAction, ids);

  if (!active) {
    return (
      <div className="flex flex-col gap-2">
        <form action={doRestore}>
          <button type="submit" disabled={restorePending} className={`${btn} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`} aria-label={`Restore portal access for ${personLabel}`}>
            Restore portal access
          </button>
        </form>
        <Result state={restore} testId="restore-result" />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={sendWelcome}>
          <button type="submit" disabled={welcomePending} className={`${btn} bg-brand-700 text-white hover:bg-brand-800`} aria-label={`Send welcome email to ${personLabel}`}>
            Send welcome email
          </button>
        </form>
        <form action={makePin}>
          <button type="submit" disabled={pinPending} className={`${btn} border border-slate-300 bg-white text-slate-900 hover:bg-slate-50`} aria-label={`Generate PIN code for ${personLabel}`}>
            Generate PIN code
          </button>
        </form>
        <form
          action={doRevoke}
          onSubmit={(e) => {
            if (!window.confirm(`Revoke portal access for ${personLabel}? They are signed out at once and cannot sign in until you restore it.`)) e.preventDefault();
          }}
        >
          <button type="submit" disabled={revokePending} className={`${btn} bg-red-700 text-white hover:bg-red-800`} aria-label={`Revoke portal access for ${personLabel}`}>
            Revoke portal access
          </button>
        </form>
      </div>
      <Result state={welcome} testId="welcome-result" />
      {pin ? (
        pin.ok ? (
          <div role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900">
            <p>
              PIN code: <strong className="font-mono text-2xl tracking-widest" data-testid="pin-code">{pin.data.pin}</strong>
            </p>
            <p className="text-sm text-slate-800">
              Read it to the client by phone and confirm their email address. It works once, for one hour, and is shown only now.
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
