"use client";

import { useState } from "react";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-controls";
import { confirmTotpEnrolmentAction, regenerateRecoveryCodesAction } from "@/lib/auth/actions";

/** Ten recovery codes, shown once (docs/decisions.md "Second factor and passkeys"). */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  return (
    <section
      aria-labelledby="recovery-heading"
      className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 p-4"
    >
      <h2 id="recovery-heading" className="text-lg font-semibold">
        Save your recovery codes
      </h2>
      <p className="text-slate-800">
        Each code signs you in once if you lose your phone or passkey. They are shown only now: print them or keep them
        in a password manager.
      </p>
      <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 font-mono text-base">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The enrolment form: the first code from the app; then the recovery codes and the way on. */
export function TotpEnrolForm({ continueHref }: { continueHref: string }) {
  const [codes, setCodes] = useState<string[] | null>(null);
  if (codes) {
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="font-medium text-green-800">
          Your authenticator app is set up.
        </p>
        {codes.length ? <RecoveryCodeList codes={codes} /> : null}
        <a
          href={continueHref}
          className="inline-flex min-h-11 w-full items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 sm:w-auto"
        >
          Continue
        </a>
      </div>
    );
  }
  return (
    <ActionForm
      action={confirmTotpEnrolmentAction}
      submitLabel="Turn on"
      pendingLabel="Checking…"
      onResult={(r) => {
        if (r.ok) setCodes(r.data.recoveryCodes);
      }}
    >
      <TextField
        label="6-digit code from the app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
      />
    </ActionForm>
  );
}

/** "Generate new recovery codes" on the Security page: the old ones stop working. */
export function RegenerateRecoveryCodes() {
  const [codes, setCodes] = useState<string[] | null>(null);
  return (
    <div className="flex flex-col gap-3">
      <ActionButton
        action={regenerateRecoveryCodesAction}
        submitLabel="Generate new recovery codes"
        pendingLabel="Generating…"
        variant="secondary"
        confirm="Your old recovery codes will stop working. Continue?"
        onResult={(r) => {
          if (r.ok) setCodes(r.data.recoveryCodes);
        }}
      />
      {codes ? <RecoveryCodeList codes={codes} /> : null}
    </div>
  );
}
