import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ProgressiveForm } from "../progressive-form";

export const metadata = { title: "Sign in via PIN code" };

/** docs/product.md, Sign-in rule 5: the address and the 6-digit code the office read out. */
export default async function PinSignInPage() {
  const practice = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Sign in via PIN code</h1>
      <p className="text-slate-700">
        Your provider&apos;s office can give you a 6-digit PIN code by phone
        {practice.phone ? (
          <>
            : call <PhoneLink phone={practice.phone} />
          </>
        ) : null}
        . It works once, for one hour, with the email address of your account.
      </p>
      <ProgressiveForm
        action="/sign-in/pin/verify"
        schemaName="pin"
        fields={[
          { name: "email", label: "Email address", type: "email", autoComplete: "email", inputMode: "email" },
          {
            name: "pin",
            label: "PIN code",
            type: "text",
            autoComplete: "one-time-code",
            inputMode: "numeric",
            maxLength: 6,
          },
        ]}
        submitLabel="Sign In"
        pendingLabel="Signing in…"
      />
      <p>
        <Link href="/sign-in" className="font-medium text-brand-800 underline">
          Email me a sign-in link instead
        </Link>
      </p>
    </div>
  );
}
