import Link from "next/link";
import { describeLink } from "@/lib/auth/links";
import { Button } from "@/components/ui/button";
import { confirmLinkAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

/**
 * Opening the emailed link (GET or HEAD, any number of times) only shows this page; the Sign In button's POST
 * consumes the link (PRODUCT.md sign-in rule 4: mail scanners open links before people do).
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string; state?: string }> }) {
  const { token, state } = await searchParams;
  const link = state === "invalid" ? ({ state: "invalid" } as const) : await describeLink(token);
  if (link.state === "invalid") {
    return (
      <div className="flex flex-col gap-5">
        <h1 className="text-2xl font-bold">This sign-in link is no longer valid</h1>
        <p className="text-slate-700">
          Sign-in links work once, for 24 hours, and only the most recent one works. This link has been used, has expired, or a
          newer link was sent.
        </p>
        <Link href="/sign-in" className="inline-flex min-h-11 items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          Email me a new link
        </Link>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Sign in to your client portal</h1>
      <p className="text-slate-700">
        Signing in as <strong data-testid="masked-email">{link.maskedEmail}</strong>.
      </p>
      <form action={confirmLinkAction as unknown as (fd: FormData) => Promise<void>}>
        <input type="hidden" name="token" value={token} />
        <Button type="submit" className="w-full sm:w-auto">
          Sign In
        </Button>
      </form>
    </div>
  );
}
