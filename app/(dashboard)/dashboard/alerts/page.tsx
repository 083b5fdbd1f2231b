import { requirePagePrincipal } from "@/lib/auth/guards";
import { viewAlertsPage } from "@/lib/forms/views";
import { pageHref, readPageRequest } from "@/lib/core/keyset";
import { BackLink } from "@/components/ui/back-link";
import { Pager } from "@/components/ui/pager";
import { SafetyAlerts } from "@/components/forms/safety-alerts";

export const dynamic = "force-dynamic";
export const metadata = { title: "Safety alerts" };

/** Every open safety alert in the clinician's scope (the admin: all), newest first, a page at a time. */
export default async function AlertsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const p = await requirePagePrincipal("staff");
  const at = readPageRequest(await searchParams);
  const { rows, newer, older } = await viewAlertsPage(p, at.page);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-col gap-1">
        <BackLink href="/dashboard">Back to the dashboard</BackLink>
        <h1 className="text-2xl font-bold">Open safety alerts</h1>
      </div>
      {at.invalid ? (
        <p role="status" className="text-sm text-slate-700">
          That page link is no longer valid, so the newest alerts are shown.
        </p>
      ) : null}
      {rows.length === 0 ? <p className="text-slate-700">No open safety alerts.</p> : <SafetyAlerts alerts={rows} />}
      <Pager
        newerHref={pageHref("/dashboard/alerts", "before", newer)}
        olderHref={pageHref("/dashboard/alerts", "after", older)}
      />
    </div>
  );
}
