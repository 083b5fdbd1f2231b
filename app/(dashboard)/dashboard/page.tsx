import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { viewDashboardHome } from "@/lib/dashboard/home";
import { buttonClass } from "@/components/ui/button";
import { DashboardForms } from "@/components/forms/dashboard-forms";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dashboard" };

export default async function DashboardHome() {
  const p = await requirePagePrincipal("staff");
  const { todos, alerts, toReview, moreAlerts } = await viewDashboardHome(p);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Welcome, {p.name ?? "clinician"}</h1>
        <Link href="/dashboard/clients/new" className={buttonClass("primary")}>
          New client
        </Link>
      </div>
      <section aria-labelledby="todo-heading" className="flex flex-col gap-3">
        <h2 id="todo-heading" className="text-lg font-semibold">
          To do
        </h2>
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 bg-white" data-testid="todo-list">
          {todos.map((t) => (
            <li key={t.key}>
              <Link
                href={t.href}
                className="flex min-h-12 items-center justify-between gap-3 px-4 py-3 hover:bg-slate-50"
              >
                <span className="font-medium text-slate-900">{t.label}</span>
                {t.error ? (
                  <span className="text-sm text-slate-700">unavailable</span>
                ) : (
                  <span
                    data-testid={`todo-count-${t.key}`}
                    className={`min-w-8 rounded-full px-2 py-0.5 text-center text-sm font-semibold ${t.count > 0 ? "bg-brand-700 text-white" : "bg-slate-100 text-slate-800"}`}
                  >
                    {t.count}
                    <span className="sr-only"> {t.count === 1 ? "item" : "items"}</span>
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <DashboardForms alerts={alerts} toReview={toReview} moreAlerts={moreAlerts} />
    </div>
  );
}
