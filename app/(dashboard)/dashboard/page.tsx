import { requirePagePrincipal } from "@/lib/auth/guards";
import { DashboardForms } from "@/components/forms/dashboard-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardHome() {
  const p = await requirePagePrincipal("staff");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Welcome, {p.name ?? "clinician"}</h1>
      <DashboardForms principal={p} />
    </div>
  );
}
