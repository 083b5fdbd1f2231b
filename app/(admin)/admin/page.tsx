import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { loadTodos } from "@/lib/dashboard/todos";

export const dynamic = "force-dynamic";
export const metadata = { title: "Admin" };

const sections = [
  {
    href: "/dashboard/clients",
    title: "Clients",
    text: "Every client of the practice; create, edit, archive and reassign.",
  },
  {
    href: "/admin/settings",
    title: "Practice settings",
    text: "Name, address, phone, time zone, EIN, NPI, logo, upload size limit.",
  },
  {
    href: "/admin/staff",
    title: "Staff",
    text: "Invite clinicians, their credentials, NPI and license; deactivate accounts.",
  },
  { href: "/admin/audit", title: "Audit log", text: "Who did what, when, from where; filter and export as CSV." },
  {
    href: "/admin/emails",
    title: "Email log",
    text: "Queued, sent and failed emails, with retries and the last error.",
  },
];

export default async function AdminHome() {
  const p = await requirePagePrincipal("admin");
  const todos = (await loadTodos(p)).filter((t) => t.count > 0);
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Practice administration</h1>
      {todos.length ? (
        <section aria-labelledby="todo-heading" className="flex flex-col gap-2">
          <h2 id="todo-heading" className="text-lg font-semibold">
            To do across the practice
          </h2>
          <ul className="flex flex-col gap-1">
            {todos.map((t) => (
              <li key={t.key}>
                <Link href={t.href} className="text-brand-800 underline underline-offset-2">
                  {t.label}: {t.count}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {sections.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              className="flex h-full flex-col gap-1 rounded-md border border-slate-200 bg-white p-4 hover:border-brand-700"
            >
              <span className="font-semibold text-brand-800">{s.title}</span>
              <span className="text-sm text-slate-700">{s.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
