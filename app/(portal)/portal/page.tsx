import { requirePortalContext } from "@/lib/auth/guards";
import { PortalTodos } from "@/components/forms/portal-todos";
import { loadPortalTodos } from "@/lib/forms/views";
import Link from "next/link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Home" };

export default async function PortalHome() {
  const { principal, profile } = await requirePortalContext();
  const todos = await loadPortalTodos(principal);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Welcome, {profile.preferredName ?? profile.legalName}</h1>
      <PortalTodos pending={todos.pending} overdue={todos.overdue} />
      <section aria-labelledby="passkey-heading" className="rounded-md border border-slate-200 bg-white p-4">
        <h2 id="passkey-heading" className="text-lg font-semibold">
          Sign in faster next time
        </h2>
        <p className="text-slate-700">Add a passkey on this device and sign in without waiting for an email.</p>
        <Link href="/portal/security" className="font-medium text-brand-800 underline">
          Set up a passkey
        </Link>
      </section>
    </div>
  );
}
