import Link from "next/link";
import type { AlertRow } from "@/lib/forms/responses";
import { acknowledgeAlertAction } from "@/lib/forms/actions";
import { AcknowledgeButton } from "./acknowledge-button";

/** PHQ-9 item 9 above 0, shown until the clinician acknowledges it (docs/product.md, Safety). */
export function SafetyAlerts({
  alerts,
  showClient = true,
  moreHref = null,
}: {
  alerts: AlertRow[];
  showClient?: boolean;
  /** When there are more open alerts than shown: the page that lists them all. */
  moreHref?: string | null;
}) {
  if (alerts.length === 0) return null;
  return (
    <section aria-labelledby="alerts-h" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
      <h2 id="alerts-h" className="text-xl font-semibold text-red-900">
        {moreHref ? `Safety alerts (newest ${alerts.length})` : `Safety alerts (${alerts.length})`}
      </h2>
      <ul className="mt-2 flex flex-col gap-3">
        {alerts.map((a) => (
          <li key={a.id} className="flex flex-col gap-2 border-t border-red-200 pt-2" data-testid="safety-alert">
            <p className="text-slate-900">
              {showClient ? <strong>{a.profileName}: </strong> : null}
              PHQ-9 item 9 (thoughts of self-harm) answered {a.itemValue} of 3. Total {a.score} ({a.band}).
            </p>
            <div className="flex flex-wrap items-center gap-3">
              <Link
                href={`/dashboard/clients/${a.profileId}/forms/${a.responseId}`}
                className="text-brand-800 underline underline-offset-2"
              >
                Review the response
              </Link>
              <AcknowledgeButton alertId={a.id} action={acknowledgeAlertAction} />
            </div>
          </li>
        ))}
      </ul>
      {moreHref ? (
        <p className="mt-3">
          <Link href={moreHref} className="font-semibold text-brand-800 underline underline-offset-2">
            All open safety alerts
          </Link>
        </p>
      ) : null}
    </section>
  );
}
