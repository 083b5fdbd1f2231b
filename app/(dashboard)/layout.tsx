import { StaffShell } from "@/components/shell/staff-shell";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { loadIdleState } from "@/lib/auth/idle";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const p = await requirePagePrincipal("staff");
  const [practice, idle] = await Promise.all([getPracticeSettings(), loadIdleState()]);
  const links = [
    { href: "/dashboard", label: "Home" },
    { href: "/dashboard/clients", label: "Clients" },
    ...(isAdmin(p) ? [{ href: "/admin", label: "Admin" }] : []),
    { href: "/dashboard/security", label: "Security" },
  ];
  return (
    <StaffShell home="/dashboard" navLabel="Dashboard" links={links} practice={practice} idle={idle}>
      {children}
    </StaffShell>
  );
}
