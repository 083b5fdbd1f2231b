import { redirect } from "next/navigation";
import { PasskeyButton } from "@/components/auth/passkey-button";
import { TotpEnrolForm } from "@/components/auth/recovery-codes";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { getSecondFactorSession } from "@/lib/auth/second-factor-session";
import { hasSecondFactor, secondFactorStatus, startTotpEnrolment } from "@/lib/auth/second-factor";
import { isStaff } from "@/lib/core/principal";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up your second step" };

/**
 * First sign-in of a staff member (or after an admin's reset): set up an authenticator app (QR code and the secret
 * typed by hand) or a passkey before reaching anything else (docs/decisions.md "Second factor and passkeys").
 */
export default async function EnrolPage() {
  const s = await getSecondFactorSession();
  if (!s) redirect("/sign-in");
  if (!isStaff(s.principal)) redirect("/after-sign-in");
  if (hasSecondFactor(await secondFactorStatus(s.principal.userId)))
    redirect(s.passed ? "/dashboard/security" : "/sign-in/second-factor");
  const enrolment = await startTotpEnrolment(s.principal, s.passed);
  const grouped = enrolment.secret.match(/.{1,4}/g)!.join(" ");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Set up your second step</h1>
      <p className="text-slate-700">
        Staff accounts need a second step after the emailed link. Set it up once; after that, each sign-in asks for it.
      </p>
      <section aria-labelledby="app-heading" className="flex flex-col gap-3">
        <h2 id="app-heading" className="text-lg font-semibold">
          Use an authenticator app
        </h2>
        <ol className="list-decimal pl-5 text-slate-800">
          <li>Open an authenticator app (Google Authenticator, Microsoft Authenticator, 1Password…).</li>
          <li>Scan this QR code, or type the key below.</li>
          <li>Enter the 6-digit code the app shows.</li>
        </ol>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, not an optimisable asset */}
        <img src={enrolment.qrDataUrl} alt="QR code for your authenticator app" width={220} height={220} />
        <p className="text-slate-800">
          Key:{" "}
          <code data-testid="totp-secret" className="break-all font-mono">
            {grouped}
          </code>
        </p>
        <TotpEnrolForm continueHref="/after-sign-in" />
      </section>
      <section aria-labelledby="passkey-heading" className="flex flex-col gap-3">
        <h2 id="passkey-heading" className="text-lg font-semibold">
          Or use a passkey
        </h2>
        <p className="text-slate-700">Your phone or computer unlocks it with your fingerprint, face or device PIN.</p>
        <PasskeyButton mode="register" label="Set up a passkey" doneHref="/after-sign-in" />
      </section>
      <SignOutButton />
    </div>
  );
}
