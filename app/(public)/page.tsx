import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";

/** The practice landing page (docs/product.md, Sign-in rule 2). */
export default async function LandingPage() {
  const practice = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Welcome to the {practice.name} client portal</h1>
        <p className="mt-2 text-slate-700">
          Complete your forms, share documents with your clinician, and review statements, superbills and invoices —
          privately and securely.
        </p>
      </div>
      <Link href="/sign-in" className={buttonClass("primary", "w-full sm:w-auto")}>
        I&apos;m an Existing Client
      </Link>
      <p className="text-sm text-slate-600">
        New client? Your clinician will send you a welcome email with a link that signs you in the first time. Tip:
        bookmark this page so you can sign in easily in the future.
      </p>
    </div>
  );
}
