import type { ReactNode } from "react";
import { SiteHeader } from "@/components/shell/site-header";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { IdleWarning } from "@/components/shell/idle-warning";
import { NavLinks } from "@/components/shell/nav-links";
import type { IdleState } from "@/lib/auth/idle";

type NavLink = { href: string; label: string };

/**
 * The one navigation every staff member sees, clinician or admin (docs/decisions.md, Navigation and polish):
 * Home (the dashboard's safety alerts and to-dos), Clients, Messages (the inbox), Forms (form templates), Invoices, and Admin for
 * admins. Inside the admin area a second row lists its pages.
 */
export function staffNavLinks(admin: boolean): NavLink[] {
  return [
    { href: "/dashboard", label: "Home" },
    { href: "/dashboard/clients", label: "Clients" },
    { href: "/dashboard/calendar", label: "Calendar" },
    { href: "/dashboard/messages", label: "Messages" },
    { href: "/dashboard/forms", label: "Forms" },
    { href: "/dashboard/invoices", label: "Invoices" },
    ...(admin ? [{ href: "/admin", label: "Admin" }] : []),
    { href: "/dashboard/security", label: "Security" },
  ];
}

export const ADMIN_NAV_LINKS: NavLink[] = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/staff", label: "Staff" },
  { href: "/admin/billing", label: "Billing" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/emails", label: "Email log" },
];

/**
 * The page shell staff see in the dashboard and the admin area: practice header with sign-out, the idle-timeout
 * warning, the staff navigation (and the admin row inside the admin area), and the main landmark. Callers
 * authorise first and pass whether the person is an admin, the practice's name and logo, and the session's idle
 * state (lib/auth/idle.ts).
 */
export function StaffShell({
  admin,
  adminArea = false,
  practice,
  idle,
  children,
}: {
  admin: boolean;
  adminArea?: boolean;
  practice: { name: string; logoDataUrl: string | null };
  idle: IdleState | null;
  children: ReactNode;
}) {
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home="/dashboard">
        <SignOutButton />
      </SiteHeader>
      <IdleWarning idle={idle} />
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-2">
          <NavLinks label="Staff" links={staffNavLinks(admin)} exact={["/dashboard"]} />
        </div>
      </div>
      {adminArea ? (
        <div className="border-b border-slate-200 bg-slate-50">
          <div className="mx-auto max-w-5xl px-2">
            <NavLinks label="Administration" links={ADMIN_NAV_LINKS} exact={["/admin"]} size="small" />
          </div>
        </div>
      ) : null}
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
