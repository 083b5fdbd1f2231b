import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { latestVersion } from "@/lib/forms/templates";
import { Builder } from "@/components/forms/builder";
import { FormFiller } from "@/components/forms/form-filler";
import { buttonClass } from "@/components/ui/button";
import { saveTemplateAction } from "@/lib/forms/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Edit form" };

/** Edit a template (a new version on save) or, for the library, preview it and make a copy. */
export default async function EditForm({ params }: { params: Promise<{ templateId: string }> }) {
  const principal = await requirePagePrincipal("staff");
  const { templateId } = await params;
  const v = await latestVersion(principal, templateId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/dashboard/forms">Back to form templates</BackLink>
      <h1 className="text-2xl font-bold">{v.title}</h1>
      <p className="text-sm text-slate-700">Version {v.version}</p>
      {v.editable ? (
        <Builder
          templateId={templateId}
          version={v.version}
          initial={{ title: v.title, description: v.description ?? "", questions: v.questions }}
          action={saveTemplateAction}
        />
      ) : (
        <>
          <p className="text-slate-800">This form is part of the practice library. Make a copy to change it.</p>
          <Link href={`/dashboard/forms/new?from=${templateId}`} className={buttonClass("primary", "self-start")}>
            Make a copy
          </Link>
          <section aria-labelledby="preview-h" className="flex flex-col gap-3 rounded-md border border-slate-300 p-4">
            <h2 id="preview-h" className="text-xl font-semibold">
              Preview
            </h2>
            <FormFiller preview title={v.title} questions={v.questions} initialAnswers={{}} />
          </section>
        </>
      )}
    </div>
  );
}
