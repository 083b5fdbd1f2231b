import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { getResponse, listOpenAlerts } from "@/lib/forms/responses";
import { AnswersView } from "@/components/forms/answers-view";
import { SafetyAlerts } from "@/components/forms/safety-alerts";
import { buttonClass } from "@/components/ui/button";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";

export const dynamic = "force-dynamic";
export const metadata = { title: "Form response" };

/** A response for the clinician: score, band, alert, answers and the PDF (every view audited: docs/product.md, Audit). */
export default async function ClientFormResponse({
  params,
}: {
  params: Promise<{ profileId: string; responseId: string }>;
}) {
  const principal = await requirePagePrincipal("staff");
  const { profileId, responseId } = await params;
  const r = await getResponse(principal, responseId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  if (r.profileId !== profileId) notFound();
  const alerts = (await listOpenAlerts(principal, profileId)).filter((a) => a.responseId === r.id);
  const { timeZone } = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={`/dashboard/clients/${profileId}/forms`}>Back to forms: {r.profileName}</BackLink>
      <h1 className="text-2xl font-bold">{r.title}</h1>
      <SafetyAlerts alerts={alerts} showClient={false} />
      {r.alert?.acknowledged ? (
        <p
          className="rounded-md border border-slate-300 bg-slate-50 p-3 text-slate-900"
          data-testid="alert-acknowledged"
        >
          Safety alert acknowledged by {r.alert.acknowledgedByName ?? "a staff member"} on{" "}
          {formatDateTime(r.alert.acknowledgedAt, timeZone)}
        </p>
      ) : null}
      {r.status === "submitted" ? (
        <>
          <p className="text-slate-800">
            Submitted{r.submittedByName ? ` by ${r.submittedByName}` : ""} on {formatDateTime(r.submittedAt, timeZone)}
          </p>
          {r.score !== null ? (
            <p className="text-xl font-semibold" data-testid="score">
              Total {r.score} · {r.band}
            </p>
          ) : null}
          <a href={`/api/forms/responses/${r.id}/pdf`} className={buttonClass("secondary", "self-start")}>
            Download PDF
          </a>
        </>
      ) : r.status === "cancelled" ? (
        <p className="rounded-md bg-slate-50 p-3 text-slate-800">
          Cancelled on {formatDateTime(r.cancelledAt, timeZone)}; the client no longer sees it. Answers saved before it
          was cancelled:
        </p>
      ) : (
        <p className="rounded-md bg-slate-50 p-3 text-slate-800">
          Not submitted yet{r.lastSavedAt ? `; last saved by ${r.lastSavedByName}` : ""}. Answers so far:
        </p>
      )}
      <AnswersView questions={r.questions} answers={r.answers} timeZone={timeZone} />
    </div>
  );
}
