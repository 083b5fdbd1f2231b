import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { PinSignInLink } from "@/components/auth/pin-sign-in-link";
import { getPracticeSettings } from "@/lib/practice/settings";

export const metadata = { title: "Check your inbox" };

/** Shown for every address, known or not (docs/product.md, Sign-in rule 2). */
export default async function CheckEmailPage() {
  const practice = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Check your inbox</h1>
      <p className="text-slate-700">
        If that address has a client portal account, we sent it a sign-in link. The link is valid for 24 hours and can
        only be used to sign in once. If you asked more than once, use the most recent link.
      </p>
      <details className="rounded-md border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold text-brand-900">Try these tips</summary>
        <ul className="mt-3 list-disc space-y-2 pl-5 text-slate-800">
          <li>
            Make sure you entered the correct email address and double-check the spelling.{" "}
            <Link href="/sign-in" className="text-brand-800 underline">
              Request a new link
            </Link>{" "}
            to re-enter your email address.
          </li>
          <li>
            Check the spam or junk folder, and any other folders in your inbox, for an email from {practice.name}.
          </li>
          <li>Add the sender as a contact so you get these emails in the future.</li>
          <li>
            Call your provider&apos;s office
            {practice.phone ? (
              <>
                {" "}
                at <PhoneLink phone={practice.phone} />
              </>
            ) : null}{" "}
            and ask for a PIN code. Confirm your account email address while you&apos;re on the call, then choose Sign
            in via PIN code.
          </li>
        </ul>
      </details>
      <PinSignInLink />
    </div>
  );
}
