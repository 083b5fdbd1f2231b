import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { IdleWarning } from "@/components/shell/idle-warning";
import { NavLinks } from "@/components/shell/nav-links";
import { getPracticeSettings } from "@/lib/practice/settings";

/**
 * The page shell staff see in the dashboard and the admin area: practice header with sign-out, the idle-timeout
 * warning, a row of navigation links, and the main landmark. Callers authorise first and pass their own links.
 */
export async function StaffShell({
  home,
  navLabel,
  links,
  children,
}: {
  home: string;
  navLabel: string;
  links: { href: string; label: string }[];
  children: ReactNode;
}) {
  const practice = await getPracticeSettings();
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home={home}>
        <SignOutButton />
      </SiteHeader>
      <IdleWarning />
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-2">
          <NavLinks label={navLabel} links={links} exact={[home]} />
        </div>
      </div>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
