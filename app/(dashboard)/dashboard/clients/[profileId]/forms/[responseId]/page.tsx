import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { getResponse, listOpenAlerts } from "@/lib/forms/responses";
import { AnswersView } from "@/components/forms/answers-view";
import { SafetyAlerts } from "@/components/forms/safety-alerts";
import { buttonClass } from "@/components/ui/button";

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
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={`/dashboard/clients/${profileId}/forms`}>Back to forms: {r.profileName}</BackLink>
      <h1 className="text-2xl font-bold">{r.title}</h1>
      <SafetyAlerts alerts={alerts} showClient={false} />
      {r.status === "submitted" ? (
        <>
          <p className="text-slate-800">
            Submitted{r.submittedByName ? ` by ${r.submittedByName}` : ""} on{" "}
            {r.submittedAt?.toLocaleString("en-US", { timeZone: "UTC", dateStyle: "medium", timeStyle: "short" })} UTC
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
      ) : (
        <p className="rounded-md bg-slate-50 p-3 text-slate-800">
          Not submitted yet{r.lastSavedAt ? `; last saved by ${r.lastSavedByName}` : ""}. Answers so far:
        </p>
      )}
      <AnswersView questions={r.questions} answers={r.answers} />
    </div>
  );
}
