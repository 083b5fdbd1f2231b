import Link from "next/link";
import { requestLinkAction } from "./actions";
import { EmailLinkForm } from "./email-link-form";

export const metadata = { title: "Sign in" };

export default function SignInPage() {
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Sign in to your client portal</h1>
      <p className="text-slate-700">Enter the email address associated with your account and we&apos;ll email you a sign-in link.</p>
      <EmailLinkForm action={requestLinkAction} />
      <p>
        <Link href="/sign-in/pin" className="font-medium text-brand-800 underline">
          Sign in via PIN code
        </Link>
      </p>
    </div>
  );
}
