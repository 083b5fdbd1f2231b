import { requirePagePrincipal } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardHome() {
  const p = await requirePagePrincipal("staff");
  return <h1 className="text-2xl font-bold">Welcome, {p.name ?? "clinician"}</h1>;
}
