import Link from "next/link";
import { PinSignInLink } from "@/components/auth/pin-sign-in-link";
import { describeLink, type InvalidReason } from "@/lib/auth/links";
import { Button, buttonClass } from "@/components/ui/button";
import { confirmLinkAction } from "@/lib/auth/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

const WHY: Record<InvalidReason, string> = {
  used: "This link was already used to sign in.",
  superseded: "A newer sign-in link was sent after this one, so this one no longer works.",
  expired: "This link has expired.",
  unknown: "We don't recognize this link.",
};

/**
 * Opening the emailed link (GET or HEAD, any number of times) only shows this page; the Sign In button's POST
 * consumes the link (docs/product.md, Sign-in rule 4: mail scanners open links before people do). proxy.ts sends
 * Referrer-Policy: same-origin and Cache-Control: no-store for it.
 */
export default async function ConfirmPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const link = await describeLink(token);
  if (link.state === "invalid") {
    return (
      <div className="flex flex-col gap-5">
        <h1 className="text-2xl font-bold">This sign-in link is no longer valid</h1>
        <p className="text-slate-800" data-testid="invalid-reason">
          {WHY[link.reason]}
        </p>
        <p className="text-slate-700">
          Sign-in links work once, for 24 hours, and only the most recent one works. That keeps your account safe if an
          old email is found by someone else.
        </p>
        {link.canResend ? (
          // Re-sends to the same account by the old link's token: the address never reaches this page or a URL.
          <form method="post" action="/sign-in/resend-link">
            <input type="hidden" name="token" value={token} />
            <Button type="submit" className="w-full sm:w-auto">
              Email me a new link
            </Button>
          </form>
        ) : (
          <Link href="/sign-in" className={buttonClass("primary", "w-full sm:w-auto")}>
            Email me a new link
          </Link>
        )}
        <PinSignInLink />
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
