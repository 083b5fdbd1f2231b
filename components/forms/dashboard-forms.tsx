import Link from "next/link";
import type { AlertRow, ResponseRow } from "@/lib/forms/responses";
import { SafetyAlerts } from "./safety-alerts";
import { ResponseList } from "./response-list";

/** Dashboard home: safety alerts and submitted forms not yet reviewed (docs/product.md, Forms and Safety). The page loads them. */
export function DashboardForms({
  alerts,
  toReview,
  moreAlerts = null,
}: {
  alerts: AlertRow[];
  toReview: ResponseRow[];
  /** The cursor of the second page of alerts, when the dashboard does not show them all. */
  moreAlerts?: string | null;
}) {
  return (
    <>
      <SafetyAlerts alerts={alerts} moreHref={moreAlerts ? "/dashboard/alerts" : null} />
      <section aria-labelledby="review-h" className="flex flex-col gap-2">
        <h2 id="review-h" className="text-xl font-semibold">
          Forms to review ({toReview.length})
        </h2>
        {toReview.length === 0 ? <p className="text-slate-700">No new submissions.</p> : null}
        <p>
          <Link href="/dashboard/forms" className="text-brand-800 underline underline-offset-2">
            Form templates
          </Link>
        </p>
        <ResponseList responses={toReview} variant="review" />
      </section>
    </>
  );
}
