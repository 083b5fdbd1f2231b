import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { getResponse } from "@/lib/forms/responses";
import { FormFiller } from "@/components/forms/form-filler";
import { AnswersView } from "@/components/forms/answers-view";
import { buttonClass } from "@/components/ui/button";
import { submitResponseAction } from "@/lib/forms/actions";
import { CrisisResources } from "@/components/forms/crisis-resources";
import { DEFAULT_CRISIS_TEXT, needsCrisisResources } from "@/lib/forms/crisis";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";

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
  const practice = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-4">
      <BackLink href="/portal/forms">Back to forms</BackLink>
      <h1 className="text-2xl font-bold">{r.title}</h1>
      {r.status === "submitted" ? (
        <>
          {needsCrisisResources(r.measure, r.answers) ? (
            <CrisisResources
              text={practice.crisisText ?? DEFAULT_CRISIS_TEXT}
              practiceName={practice.name}
              practicePhone={practice.phone}
            />
          ) : null}
          <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 text-slate-900">
            Submitted{r.submittedByName ? ` by ${r.submittedByName}` : ""} on{" "}
            {formatDateTime(r.submittedAt, practice.timeZone)}. This form can no longer be changed.
          </p>
          <a href={`/api/forms/responses/${r.id}/pdf`} className={buttonClass("secondary", "self-start")}>
            Download PDF
          </a>
          <AnswersView questions={r.questions} answers={r.answers} timeZone={practice.timeZone} />
        </>
      ) : r.status === "cancelled" ? (
        <p role="status" className="rounded-md bg-slate-50 p-3 text-slate-800">
          Your provider withdrew this form. There is nothing to do.
        </p>
      ) : (
        <>
          {r.description ? <p className="text-slate-700">{r.description}</p> : null}
          <FormFiller
            responseId={r.id}
            title={r.title}
            questions={r.questions}
            initialAnswers={r.answers}
            initialSavedAt={r.answerSavedAt}
            lastSaved={{ at: r.lastSavedAt?.toISOString() ?? null, by: r.lastSavedByName }}
            timeZone={practice.timeZone}
            submitAction={submitResponseAction}
          />
        </>
      )}
    </div>
  );
}
