import { SiteHeader } from "@/components/site-header";
import { SignOutButton } from "@/components/sign-out-button";
import { IdleWarning } from "@/components/idle-warning";
import { NavLinks } from "@/components/dashboard/nav-links";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal("admin");
  const practice = await getPracticeSettings();
  const links = [
    { href: "/admin", label: "Admin home" },
    { href: "/dashboard/clients", label: "Clients" },
    { href: "/admin/settings", label: "Practice settings" },
    { href: "/admin/staff", label: "Staff" },
    { href: "/admin/billing", label: "Billing" },
    { href: "/admin/audit", label: "Audit log" },
    { href: "/admin/emails", label: "Email log" },
  ];
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home="/admin">
        <SignOutButton />
      </SiteHeader>
      <IdleWarning />
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-2">
          <NavLinks label="Administration" links={links} exact={["/admin"]} />
        </div>
      </div>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
