import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { IdleWarning } from "@/components/shell/idle-warning";
import { NavLinks } from "@/components/shell/nav-links";
import type { IdleState } from "@/lib/auth/idle";

/**
 * The page shell staff see in the dashboard and the admin area: practice header with sign-out, the idle-timeout
 * warning, a row of navigation links, and the main landmark. Callers authorise first and pass their own links,
 * the practice's name and logo, and the session's idle state (lib/auth/idle.ts).
 */
export function StaffShell({
  home,
  navLabel,
  links,
  practice,
  idle,
  children,
}: {
  home: string;
  navLabel: string;
  links: { href: string; label: string }[];
  practice: { name: string; logoDataUrl: string | null };
  idle: IdleState | null;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home={home}>
        <SignOutButton />
      </SiteHeader>
      <IdleWarning idle={idle} />
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
