import { StaffShell } from "@/components/shell/staff-shell";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { loadIdleState } from "@/lib/auth/idle";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal("admin");
  const [practice, idle] = await Promise.all([getPracticeSettings(), loadIdleState()]);
  const links = [
    { href: "/admin", label: "Admin home" },
    { href: "/dashboard/clients", label: "Clients" },
    { href: "/admin/settings", label: "Practice settings" },
    { href: "/admin/staff", label: "Staff" },
    { href: "/admin/billing", label: "Billing" },
    { href: "/admin/audit", label: "Audit log" },
    { href: "/admin/emails", label: "Email log" },
    { href: "/dashboard/security", label: "Security" },
  ];
  return (
    <StaffShell home="/admin" navLabel="Administration" links={links} practice={practice} idle={idle}>
      {children}
    </StaffShell>
  );
}
