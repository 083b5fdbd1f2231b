import { ActionButton } from "@/components/ui/action-form";
import { PasskeyButton } from "@/components/auth/passkey-button";
import { RegenerateRecoveryCodes } from "@/components/auth/recovery-codes";
import { formatDateTime } from "@/lib/core/time";
import { removePasskeyAction, removeTotpAction } from "@/lib/auth/actions";
import type { PasskeyListItem } from "@/lib/auth/passkeys";
import type { SecondFactorStatus } from "@/lib/auth/second-factor";

/**
 * The Security page (docs/decisions.md "Second factor and passkeys"): the person's passkeys (add, remove), and for
 * staff the authenticator app and recovery codes. Only the person's own credentials; nothing about anyone else.
 */
export function SecurityPanel({
  staff,
  passkeys,
  status,
  timeZone,
}: {
  staff: boolean;
  passkeys: PasskeyListItem[];
  status: SecondFactorStatus | null;
  timeZone: string;
}) {
  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="passkeys-heading" className="flex flex-col gap-3">
        <h2 id="passkeys-heading" className="text-xl font-semibold">
          Passkeys
        </h2>
        <p className="text-slate-700">
          {staff
            ? "A passkey signs you in with your fingerprint, face or device PIN, and counts as your second step."
            : "Sign in faster next time: a passkey on this phone or computer signs you in without waiting for an email. Email links and PIN codes keep working."}
        </p>
        {passkeys.length ? (
          <ul aria-label="Your passkeys" className="flex flex-col gap-2">
            {passkeys.map((k) => (
              <li key={k.id} className="flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3">
                <span className="font-medium">{k.name}</span>
                <span className="text-sm text-slate-700">
                  Last used: {k.lastUsedAt ? formatDateTime(k.lastUsedAt, timeZone) : "never"}
                </span>
                <ActionButton
                  action={removePasskeyAction}
                  hidden={{ passkeyId: k.id }}
                  submitLabel="Remove"
                  nameSuffix={` ${k.name}`}
                  pendingLabel="Removing…"
                  variant="secondary"
                  confirm="Remove this passkey? It will no longer sign you in."
                />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-slate-700">You have no passkeys yet.</p>
        )}
        <PasskeyButton mode="register" label="Add a passkey" />
      </section>
      {staff && status ? (
        <>
          <section aria-labelledby="app-heading" className="flex flex-col gap-3">
            <h2 id="app-heading" className="text-xl font-semibold">
              Authenticator app
            </h2>
            <p data-testid="totp-status" className="text-slate-700">
              {status.totp ? "On." : "Not set up."}
            </p>
            {status.totp ? (
              <ActionButton
                action={removeTotpAction}
                submitLabel="Remove authenticator app"
                pendingLabel="Removing…"
                variant="secondary"
                confirm="Remove the authenticator app? A passkey will be your only second step."
              />
            ) : null}
          </section>
          <section aria-labelledby="codes-heading" className="flex flex-col gap-3">
            <h2 id="codes-heading" className="text-xl font-semibold">
              Recovery codes
            </h2>
            <p data-testid="recovery-status" className="text-slate-700">
              {status.recoveryCodesLeft} of 10 unused.
            </p>
            <RegenerateRecoveryCodes />
          </section>
        </>
      ) : null}
    </div>
  );
}
