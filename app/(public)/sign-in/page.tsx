import { PinSignInLink } from "@/components/auth/pin-sign-in-link";
import { ProgressiveForm } from "./progressive-form";
import { PasskeyButton } from "@/components/auth/passkey-button";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Sign in to your client portal</h1>
      {reason === "idle" ? (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-800">
          You were signed out after 15 minutes without activity, to keep your information private.
        </p>
      ) : null}
      <p className="text-slate-700">
        Enter the email address associated with your account and we&apos;ll email you a sign-in link.
      </p>
      <ProgressiveForm
        action="/sign-in/request-link"
        schemaName="emailLink"
        fields={[{ name: "email", label: "Email address", type: "email", autoComplete: "email", inputMode: "email" }]}
        submitLabel="Email Me a Link"
        pendingLabel="Sending…"
      />
      <PinSignInLink />
      {/* Anyone who added a passkey on this device (docs/decisions.md "Second factor and passkeys"). */}
      <PasskeyButton mode="sign-in" label="Sign in with a passkey" />
    </div>
  );
}
