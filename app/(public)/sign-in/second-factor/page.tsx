import { redirect } from "next/navigation";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/form-controls";
import { PasskeyButton } from "@/components/auth/passkey-button";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { verifyRecoveryCodeAction, verifyTotpAction } from "@/lib/auth/actions";
import { getSecondFactorSession, safeNextPath } from "@/lib/auth/second-factor-session";
import { hasSecondFactor, secondFactorStatus } from "@/lib/auth/second-factor";
import { isStaff } from "@/lib/core/principal";

export const dynamic = "force-dynamic";
export const metadata = { title: "Confirm it's you" };

/**
 * The second step of a staff sign-in, and the re-check before security-changing admin actions (docs/decisions.md
 * "Second factor and passkeys"): a code from the authenticator app, a passkey, or a recovery code. Shows no PHI.
 */
export default async function SecondFactorPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const s = await getSecondFactorSession();
  if (!s) redirect("/sign-in");
  if (!isStaff(s.principal)) redirect("/after-sign-in");
  const status = await secondFactorStatus(s.principal.userId);
  if (!hasSecondFactor(status)) redirect("/sign-in/second-factor/enrol");
  const next = safeNextPath((await searchParams).next) ?? undefined;
  const hidden: Record<string, string> = next ? { next } : {};
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Confirm it&apos;s you</h1>
      <p className="text-slate-700">
        {s.passed
          ? "This change needs a recent check of your second factor."
          : "Staff accounts use a second step after the emailed link, to keep client records safe."}
      </p>
      {status.passkeys > 0 ? (
        <PasskeyButton mode="second-factor" label="Use your passkey" next={next} variant="primary" />
      ) : null}
      {status.totp ? (
        <ActionForm action={verifyTotpAction} submitLabel="Verify" pendingLabel="Checking…" hidden={hidden}>
          <TextField
            label="6-digit code from your authenticator app"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
          />
        </ActionForm>
      ) : null}
      <details className="rounded-md border border-slate-300 p-3">
        <summary className="cursor-pointer font-medium">Use a recovery code</summary>
        <div className="mt-3">
          <ActionForm
            action={verifyRecoveryCodeAction}
            submitLabel="Use recovery code"
            pendingLabel="Checking…"
            hidden={hidden}
          >
            <TextField label="Recovery code" name="recoveryCode" autoComplete="off" maxLength={11} />
          </ActionForm>
        </div>
      </details>
      <p className="text-sm text-slate-700">
        Lost your phone, passkey and recovery codes? Ask your practice admin to reset your second factor.
      </p>
      <SignOutButton />
    </div>
  );
}
