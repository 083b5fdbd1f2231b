import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { getResponse } from "@/lib/forms/responses";
import { FormFiller } from "@/components/forms/form-filler";
import { AnswersView } from "@/components/forms/answers-view";
import { buttonClass } from "@/components/ui/button";
import { submitResponseAction } from "@/lib/forms/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Form" };

/** Fill a form (pending) or review it read-only (submitted). Outsiders get 404; every view is audited. */
export default async function PortalForm({ params }: { params: Promise<{ responseId: string }> }) {
  const { principal } = await requirePortalContext();
  const { responseId } = await params;
  const r = await getResponse(principal, responseId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/portal/forms">Back to forms</BackLink>
      <h1 className="text-2xl font-bold">{r.title}</h1>
      {r.status === "submitted" ? (
        <>
          <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900">
            Submitted{r.submittedByName ? ` by ${r.submittedByName}` : ""} on{" "}
            {r.submittedAt?.toLocaleString("en-US", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC.
            This form can no longer be changed.
          </p>
          <a href={`/api/forms/responses/${r.id}/pdf`} className={buttonClass("secondary", "self-start")}>
            Download PDF
          </a>
          <AnswersView questions={r.questions} answers={r.answers} />
        </>
      ) : (
        <>
          {r.description ? <p className="text-slate-700">{r.description}</p> : null}
          <FormFiller
            responseId={r.id}
            title={r.title}
            questions={r.questions}
            initialAnswers={r.answers}
            lastSaved={{ at: r.lastSavedAt?.toISOString() ?? null, by: r.lastSavedByName }}
            submitAction={submitResponseAction}
          />
        </>
      )}
    </div>
  );
}
