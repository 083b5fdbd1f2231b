import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { latestVersion } from "@/lib/forms/templates";
import { Builder } from "@/components/forms/builder";
import { saveTemplateAction } from "@/lib/forms/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "New form" };

/** A new template, blank or as a copy of a visible one (?from=templateId). */
export default async function NewForm({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const principal = await requirePagePrincipal("staff");
  const { from } = await searchParams;
  const source = from
    ? await latestVersion(principal, from).catch((e) => {
        if (isExpectedError(e)) notFound();
        throw e;
      })
    : null;
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{source ? `Copy of ${source.title}` : "New form"}</h1>
      <Builder
        initial={{
          title: source ? `${source.title} (copy)` : "",
          description: source?.description ?? "",
          questions: source?.questions ?? [],
        }}
        action={saveTemplateAction}
      />
    </div>
  );
}
