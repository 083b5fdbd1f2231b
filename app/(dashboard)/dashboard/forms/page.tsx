import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { listTemplates } from "@/lib/forms/templates";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Form templates" };

/** The template library: the practice's forms and the clinician's own (docs/product.md, Forms: library and builder). */
export default async function FormLibrary() {
  const principal = await requirePagePrincipal("staff");
  const templates = await listTemplates(principal);
  return (
    <div className="flex flex-col gap-5">
      <h1 className="text-2xl font-bold">Form templates</h1>
      <Link href="/dashboard/forms/new" className={buttonClass("primary", "self-start")}>
        New form
      </Link>
      <ul className="flex flex-col gap-2">
        {templates.map((t) => (
          <li key={t.id} className="flex flex-col gap-1 rounded-md border border-slate-300 p-3">
            <Link
              href={`/dashboard/forms/${t.id}`}
              className="font-semibold text-brand-800 underline underline-offset-2"
            >
              {t.title}
            </Link>
            <p className="text-sm text-slate-700">
              {t.library ? "Practice library" : "Your form"} · version {t.version} · {t.questionCount} items
              {t.measure ? " · scored" : ""}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
