import Link from "next/link";

/** The portal home's to-do section (docs/product.md, Forms: sending and completing): forms to complete, with counts. */
export function PortalTodos({ pending, overdue }: { pending: number; overdue: number }) {
  return (
    <section aria-labelledby="todos-h" className="rounded-md border border-slate-300 p-4">
      <h2 id="todos-h" className="text-xl font-semibold">
        To do
      </h2>
      <p className="mt-1 text-slate-800" data-testid="forms-todo-count">
        {pending === 0 ? "No forms to complete." : `${pending} ${pending === 1 ? "form" : "forms"} to complete`}
        {overdue > 0 ? ` (${overdue} overdue)` : ""}
      </p>
      <Link href="/portal/forms" className="mt-2 inline-block text-brand-800 underline underline-offset-2">
        {pending > 0 ? "Complete your forms" : "See your forms"}
      </Link>
    </section>
  );
}
