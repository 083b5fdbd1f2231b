import Link from "next/link";
import { requirePortalContext } from "@/lib/auth/guards";
import { viewPortalHome } from "@/lib/dashboard/portal-home";
import { HomeBalance, HomeContact, HomeDocuments, HomeForms, HomeGreeting } from "@/components/portal/home";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

/**
 * The client's home (docs/decisions.md, Client home): who is signed in, forms to complete with due dates, the
 * balance due with Pay, and files shared since the last visit marked New.
 */
export default async function PortalHome() {
  const { principal, profile } = await requirePortalContext();
  const home = await viewPortalHome(principal, profile);
  return (
    <div className="flex flex-col gap-4">
      <HomeGreeting greeting={home.who.greeting} identity={home.who.identity} />
      <div className="grid gap-4 md:grid-cols-2">
        <HomeForms forms={home.forms} />
        <HomeBalance balanceDueCents={home.balanceDueCents} unpaid={home.unpaid} />
        <div className="md:col-span-2">
          <HomeDocuments documents={home.shared} lastVisit={home.lastVisit} timeZone={home.practice.timeZone} />
        </div>
      </div>
      <HomeContact practiceName={home.practice.name} phone={home.practice.phone} />
      <section aria-labelledby="passkey-heading" className="rounded-md border border-slate-200 bg-white p-4">
        <h2 id="passkey-heading" className="text-lg font-semibold">
          Sign in faster next time
        </h2>
        <p className="text-slate-700">Add a passkey on this device and sign in without waiting for an email.</p>
        <Link href="/portal/security" className="font-medium text-brand-800 underline">
          Set up a passkey
        </Link>
      </section>
    </div>
  );
}
