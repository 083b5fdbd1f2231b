import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listStaff } from "@/lib/staff/staff";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Staff" };

export default async function StaffPage() {
  const p = await requirePagePrincipal("admin");
  const staff = await listStaff(p);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Staff</h1>
        <Link href="/admin/staff/invite" className={buttonClass("primary")}>
          Invite a clinician
        </Link>
      </div>
      <ul aria-label="Staff accounts" className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white">
        {staff.map((s) => (
          <li key={s.id} className="flex flex-col gap-1 px-4 py-3" data-testid="staff-row">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link href={`/admin/staff/${s.id}`} className="font-semibold text-brand-800 underline underline-offset-2">
                {s.name ?? s.email}
                {s.credentials ? `, ${s.credentials}` : ""}
              </Link>
              <span className="text-sm text-slate-700">
                {s.role === "admin" ? "Admin" : "Clinician"} · <span data-testid="staff-status">{s.status}</span>
              </span>
            </div>
            <p className="text-sm text-slate-700">{s.email}</p>
            {s.role === "clinician" ? (
              <p className="text-sm text-slate-700" data-testid="staff-clients">
                {s.clients === 1 ? "1 active client" : `${s.clients} active clients`}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
