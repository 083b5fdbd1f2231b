import Link from "next/link";
import { requirePortalContext } from "@/lib/auth/guards";
import { viewMyForms } from "@/lib/forms/views";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDate } from "@/lib/core/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Forms" };

/** The to-do list (docs/product.md, Forms: each sent form is a to-do in the portal): forms to complete with counts, then completed ones. */
export default async function PortalForms() {
  const { principal, profile } = await requirePortalContext();
  const rows = await viewMyForms(principal, profile.id);
  const { timeZone } = await getPracticeSettings();
  const fmtDate = (d: Date | string) => formatDate(d, timeZone);
  const todo = rows.filter((r) => r.status === "pending");
  const done = rows.filter((r) => r.status === "submitted");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Forms</h1>
      <section aria-labelledby="todo-h" className="flex flex-col gap-3">
        <h2 id="todo-h" className="text-xl font-semibold">
          To do ({todo.length})
        </h2>
        {todo.length === 0 ? <p className="text-slate-700">You have no forms to complete.</p> : null}
        <ul className="flex flex-col gap-2">
          {todo.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 p-3">
              <Link
                href={`/portal/forms/${r.id}`}
                className="text-lg font-semibold text-brand-800 underline underline-offset-2"
              >
                {r.title}
              </Link>
              <p className="text-sm text-slate-700">
                {r.dueDate ? `Due ${fmtDate(r.dueDate)}` : "No due date"}
                {r.lastSavedAt ? ` · In progress, last saved by ${r.lastSavedByName ?? "you"}` : " · Not started"}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="done-h" className="flex flex-col gap-3">
        <h2 id="done-h" className="text-xl font-semibold">
          Completed ({done.length})
        </h2>
        <ul className="flex flex-col gap-2">
          {done.map((r) => (
            <li key={r.id} className="rounded-md border border-slate-300 p-3">
              <Link
                href={`/portal/forms/${r.id}`}
                className="font-semibold text-brand-800 underline underline-offset-2"
              >
                {r.title}
              </Link>
              <p className="text-sm text-slate-700">Submitted {r.submittedAt ? fmtDate(r.submittedAt) : ""}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
