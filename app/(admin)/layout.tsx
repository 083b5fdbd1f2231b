import { StaffShell } from "@/components/shell/staff-shell";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { loadIdleState } from "@/lib/auth/idle";
import { getPracticeSettings } from "@/lib/practice/settings";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requirePagePrincipal("admin");
  const [practice, idle] = await Promise.all([getPracticeSettings(), loadIdleState()]);
  return (
    <StaffShell admin adminArea practice={practice} idle={idle}>
      {children}
    </StaffShell>
  );
}
