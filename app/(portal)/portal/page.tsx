import { requirePortalContext } from "@/lib/auth/guards";
import { PortalTodos } from "@/components/forms/portal-todos";
import { loadPortalTodos } from "@/lib/forms/views";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

export default async function PortalHome() {
  const { principal, profile } = await requirePortalContext();
  const todos = await loadPortalTodos(principal);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Welcome, {profile.preferredName ?? profile.legalName}</h1>
      <PortalTodos pending={todos.pending} overdue={todos.overdue} />
    </div>
  );
}
