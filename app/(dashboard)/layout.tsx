import { SiteHeader } from "@/components/site-header";
import { SignOutButton } from "@/components/sign-out-button";
import { IdleWarning } from "@/components/idle-warning";
import { NavLinks } from "@/components/dashboard/nav-links";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/auth/principal";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const p = await requirePagePrincipal("staff");
  const practice = await getPracticeSettings();
  const links = [
    { href: "/dashboard", label: "Home" },
    { href: "/dashboard/clients", label: "Clients" },
    ...(isAdmin(p) ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <>
      <SiteHeader practiceName={practice.name} logoDataUrl={practice.logoDataUrl} home="/dashboard">
        <SignOutButton />
      </SiteHeader>
      <IdleWarning />
      <div className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-2">
          <NavLinks label="Dashboard" links={links} exact={["/dashboard"]} />
        </div>
      </div>
      <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6">
        {children}
      </main>
    </>
  );
}
