import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { getPracticeSettings } from "@/lib/practice/settings";
import { getStaffMember } from "@/lib/staff/staff";
import { StaffAccountButtons, StaffDetailsForm } from "@/components/staff/staff-forms";
import { Notice } from "@/components/ui/form-controls";
import { formatDateTime } from "@/lib/core/time";
import { ActionButton } from "@/components/ui/action-form";
import { resetSecondFactorAction } from "@/lib/auth/actions";
import { secondFactorStatus } from "@/lib/auth/second-factor";

export const dynamic = "force-dynamic";
export const metadata = { title: "Staff member" };

export default async function StaffMemberPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const p = await requirePagePrincipal("admin");
  const { userId } = await params;
  const sp = await searchParams;
  if (!isUuid(userId)) notFound();
  const s = await getStaffMember(p, userId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const tz = (await getPracticeSettings()).timeZone;
  const factors = await secondFactorStatus(s.id);
  return (
    <div className="flex flex-col gap-5">
      <BackLink href="/admin/staff">Back to staff</BackLink>
      <h1 className="text-2xl font-bold">{s.name ?? s.email}</h1>
      {sp.invited ? <Notice>Invitation sent to {s.email}.</Notice> : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-white p-4 text-sm">
        <dt className="font-medium text-slate-700">Email</dt>
        <dd>{s.email}</dd>
        <dt className="font-medium text-slate-700">Role</dt>
        <dd>{s.role === "admin" ? "Admin" : "Clinician"}</dd>
        <dt className="font-medium text-slate-700">Status</dt>
        <dd data-testid="staff-status">{s.status}</dd>
        <dt className="font-medium text-slate-700">Invited</dt>
        <dd>{formatDateTime(s.invitedAt, tz)}</dd>
        <dt className="font-medium text-slate-700">Last sign-in</dt>
        <dd>{s.lastSignInAt ? formatDateTime(s.lastSignInAt, tz) : "Never"}</dd>
        {s.role === "clinician" ? (
          <>
            <dt className="font-medium text-slate-700">Active clients</dt>
            <dd>{s.clients}</dd>
          </>
        ) : null}
      </dl>
      <section aria-labelledby="details-heading" className="flex flex-col gap-3">
        <h2 id="details-heading" className="text-xl font-semibold">
          Details for superbills
        </h2>
        <StaffDetailsForm
          defaults={{
            userId: s.id,
            name: s.name ?? "",
            credentials: s.credentials ?? "",
            npi: s.npi ?? "",
            licenseNumber: s.licenseNumber ?? "",
            licenseState: s.licenseState ?? "",
          }}
        />
      </section>
      <section aria-labelledby="account-heading" className="flex flex-col gap-3">
        <h2 id="account-heading" className="text-xl font-semibold">
          Account
        </h2>
        <p className="text-slate-700">
          Deactivating signs this person out at once and stops them signing in. Their clients stay; reassign them from
          each client&apos;s page.
        </p>
        <StaffAccountButtons userId={s.id} active={s.active} canInvite={!s.lastSignInAt} isSelf={s.id === p.userId} />
      </section>
      <section aria-labelledby="second-factor-heading" className="flex flex-col gap-3">
        <h2 id="second-factor-heading" className="text-xl font-semibold">
          Second factor
        </h2>
        <p data-testid="second-factor-status" className="text-slate-700">
          {factors.totp || factors.passkeys
            ? `Set up: ${[factors.totp ? "authenticator app" : null, factors.passkeys ? `${factors.passkeys} passkey${factors.passkeys === 1 ? "" : "s"}` : null].filter(Boolean).join(", ")}; ${factors.recoveryCodesLeft} recovery codes left.`
            : "Not set up yet: they set it up at their next sign-in."}
        </p>
        {sp.secondFactorReset ? (
          <Notice>
            Second factor reset. They were signed out and emailed; they will set it up again at their next sign-in.
          </Notice>
        ) : null}
        {s.id !== p.userId && (factors.totp || factors.passkeys || factors.recoveryCodesLeft) ? (
          <ActionButton
            action={resetSecondFactorAction}
            hidden={{ userId: s.id }}
            submitLabel="Reset second factor"
            pendingLabel="Resetting…"
            variant="danger"
            confirm="Remove their authenticator app, passkeys and recovery codes, and sign them out? They will set it up again at their next sign-in."
          />
        ) : null}
      </section>
    </div>
  );
}
