import Link from "next/link";
import { PhoneLink } from "@/components/ui/phone-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewClientPage } from "@/lib/dashboard/client-page";
import { PortalAccessPanel } from "@/components/auth/portal-access-panel";
import { ProfileSafetyAlerts } from "@/components/forms/profile-safety-alerts";
import { ArchiveClientButton, ReassignClientForm } from "@/components/profiles/client-actions";
import { Notice } from "@/components/ui/form-controls";
import { formatDate, formatDateTime } from "@/lib/core/time";
import { PROFILE_TYPE_LABEL } from "@/lib/profiles/labels";
import { buttonClass } from "@/components/ui/button";
import { ExportRecordsButton } from "@/components/records/export-status";

export const dynamic = "force-dynamic";
export const metadata = { title: "Client" };

/** The client's overview: details, portal access (welcome email, PIN, revoke: docs/product.md, Sign-in rules 1, 5 and 7), archive, and for the admin, reassign. */
export default async function ClientPage({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal("staff");
  const { profileId } = await params;
  const sp = await searchParams;
  // Scoped (outsiders get 404) and audited once (profile.view) by the page's data function.
  const {
    profile: pr,
    clinician,
    alerts,
    portalUsers,
    practice,
    clinicians,
  } = await viewClientPage(p, profileId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const rows: [string, React.ReactNode][] = [
    ["Type", PROFILE_TYPE_LABEL[pr.type]],
    ["Legal name", pr.legalName],
    ["Preferred name", pr.preferredName ?? "—"],
    ["Date of birth", formatDate(pr.dateOfBirth)],
    ["Phone", pr.phone ? <PhoneLink phone={pr.phone} /> : "—"],
    ["Address", pr.address ? <span className="whitespace-pre-line">{pr.address}</span> : "—"],
    ["Insurance member ID", pr.insuranceMemberId ?? "—"],
    ["ICD-10 codes", pr.diagnosisCodes.length ? pr.diagnosisCodes.join(", ") : "—"],
    ["Clinician", clinician?.name ?? clinician?.email ?? "—"],
    ["Client since", formatDateTime(pr.createdAt, practice.timeZone)],
  ];
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">{pr.legalName}</h1>
        <Link href={`/dashboard/clients/${pr.id}/edit`} className={buttonClass("secondary")}>
          Edit client
        </Link>
      </div>
      {sp.created ? <Notice>Client created.</Notice> : sp.saved ? <Notice>Changes saved.</Notice> : null}
      {pr.archivedAt ? (
        <p role="status" className="rounded-md border border-amber-700 bg-amber-50 px-3 py-2 text-amber-900">
          This client was archived on {formatDateTime(pr.archivedAt, practice.timeZone)}. Their portal users no longer
          see this profile.
        </p>
      ) : null}

      <ProfileSafetyAlerts alerts={alerts} />

      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-xl font-semibold">
          Details
        </h2>
        <dl className="grid grid-cols-1 gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white p-4 sm:grid-cols-[12rem_1fr]">
          {rows.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="text-sm font-medium text-slate-700">{k}</dt>
              <dd className="mb-2 text-slate-900 sm:mb-0">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <PortalAccessPanel profileId={pr.id} users={portalUsers} timeZone={practice.timeZone} />

      {clinicians ? (
        <section aria-labelledby="reassign-heading" className="flex flex-col gap-3">
          <h2 id="reassign-heading" className="text-xl font-semibold">
            Assigned clinician
          </h2>
          <ReassignClientForm profileId={pr.id} currentClinicianId={pr.clinicianId} clinicians={clinicians} />
        </section>
      ) : null}

      <section aria-labelledby="export-heading" className="flex flex-col items-start gap-3">
        <h2 id="export-heading" className="text-xl font-semibold">
          Records export
        </h2>
        <p className="text-slate-700">
          One zip of everything held for this client (details, form responses, documents, messages, billing and the
          audit trail), for a records request. It is built in the background and kept for 7 days, for you only.
        </p>
        <ExportRecordsButton profileId={pr.id} />
      </section>

      <section aria-labelledby="archive-heading" className="flex flex-col gap-3">
        <h2 id="archive-heading" className="text-xl font-semibold">
          {pr.archivedAt ? "Restore" : "Archive"}
        </h2>
        <p className="text-slate-700">
          {pr.archivedAt
            ? "Restoring makes this profile active again and visible to its portal users."
            : "Archiving hides this client from the active list and from their portal users. Nothing is deleted; you can restore it later."}
        </p>
        <ArchiveClientButton profileId={pr.id} archived={Boolean(pr.archivedAt)} />
      </section>
    </div>
  );
}
