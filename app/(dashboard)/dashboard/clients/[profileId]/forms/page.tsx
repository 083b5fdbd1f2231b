import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewProfileForms } from "@/lib/forms/views";
import { SafetyAlerts } from "@/components/forms/safety-alerts";
import { MeasureChart } from "@/components/forms/measure-chart";
import { ResponseList } from "@/components/forms/response-list";
import { SendFormsForm } from "@/components/forms/send-forms-form";
import { cancelResponseAction, remindResponseAction, sendFormsAction } from "@/lib/forms/actions";
import { getPracticeSettings } from "@/lib/practice/settings";

export const dynamic = "force-dynamic";
export const metadata = { title: "Client forms" };

/** A client's forms: send, responses, safety alerts and measures over time (docs/product.md, Forms and Safety). */
export default async function ClientForms({ params }: { params: Promise<{ profileId: string }> }) {
  const principal = await requirePagePrincipal("staff");
  const { profileId } = await params;
  // Scoped (outsiders get 404) and audited once (forms.list) by the page's data function.
  const { profile, responses, alerts, series, templates } = await viewProfileForms(principal, profileId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const { timeZone } = await getPracticeSettings();
  return (
    <div className="flex flex-col gap-6">
      <BackLink href={`/dashboard/clients/${profile.id}`}>Back to {profile.legalName}</BackLink>
      <h1 className="text-2xl font-bold">Forms: {profile.legalName}</h1>
      <SafetyAlerts alerts={alerts} showClient={false} />

      <section aria-labelledby="responses-h" className="flex flex-col gap-2">
        <h2 id="responses-h" className="text-xl font-semibold">
          Sent forms
        </h2>
        {responses.length === 0 ? <p className="text-slate-700">No forms sent yet.</p> : null}
        <ResponseList
          responses={responses}
          variant="sent"
          timeZone={timeZone}
          remindAction={remindResponseAction}
          cancelAction={cancelResponseAction}
        />
      </section>

      <section aria-labelledby="measures-h" className="flex flex-col gap-4">
        <h2 id="measures-h" className="text-xl font-semibold">
          Measures
        </h2>
        <MeasureChart measure="phq9" points={series.phq9} timeZone={timeZone} />
        <MeasureChart measure="gad7" points={series.gad7} timeZone={timeZone} />
      </section>

      <section aria-labelledby="send-h" className="flex flex-col gap-2">
        <h2 id="send-h" className="text-xl font-semibold">
          Send forms
        </h2>
        <SendFormsForm
          profileId={profile.id}
          templates={templates.map((t) => ({ id: t.id, title: t.title }))}
          action={sendFormsAction}
        />
      </section>
    </div>
  );
}
