import { StaffShell } from "@/components/shell/staff-shell";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isAdmin } from "@/lib/core/principal";
import { loadIdleState } from "@/lib/auth/idle";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const p = await requirePagePrincipal("staff");
  const [practice, idle] = await Promise.all([getPracticeSettings(), loadIdleState()]);
  return (
    <StaffShell admin={isAdmin(p)} practice={practice} idle={idle}>
      {children}
    </StaffShell>
  );
}
