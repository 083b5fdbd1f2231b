import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { findProfile } from "@/lib/profiles/access";
import { isExpectedError } from "@/lib/core/errors";
import { NavLinks } from "@/components/shell/nav-links";

/**
 * Every page under a client (Overview, Forms, Documents, Billing) shares this sub-navigation. The layout checks
 * the client is within the principal's scope, so an outsider gets 404 on every section; each page still loads
 * its own data through the scoped data layer and audits its own PHI views.
 */
export default async function ClientLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ profileId: string }>;
}) {
  const p = await requirePagePrincipal("staff");
  const { profileId } = await params;
  try {
    await findProfile(p, profileId);
  } catch (e) {
    if (isExpectedError(e)) notFound();
    throw e;
  }
  const base = `/dashboard/clients/${profileId}`;
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/dashboard/clients">Back to clients</BackLink>
      <div className="border-b border-slate-200">
        <NavLinks
          label="Client sections"
          exact={[base]}
          links={[
            { href: base, label: "Overview" },
            { href: `${base}/appointments`, label: "Appointments" },
            { href: `${base}/forms`, label: "Forms" },
            { href: `${base}/messages`, label: "Messages" },
            { href: `${base}/documents`, label: "Documents" },
            { href: `${base}/billing`, label: "Billing" },
          ]}
        />
      </div>
      {children}
    </div>
  );
}
