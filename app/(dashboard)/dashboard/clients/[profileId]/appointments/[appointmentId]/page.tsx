import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { dateInZone, formatDateTime, timeInZone } from "@/lib/core/time";
import { getAppointmentForStaff } from "@/lib/appointments/appointments";
import { updateAppointmentAction } from "@/lib/appointments/actions";
import { listServiceCodes } from "@/lib/billing/catalogue";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ActionForm } from "@/components/ui/action-form";
import { BackLink } from "@/components/ui/back-link";
import { AppointmentFields } from "@/components/appointments/appointment-fields";

export const dynamic = "force-dynamic";
export const metadata = { title: "Change appointment" };

/** Move or change one appointment (staff). */
export default async function ChangeAppointment({
  params,
}: {
  params: Promise<{ profileId: string; appointmentId: string }>;
}) {
  const { profileId, appointmentId } = await params;
  const p = await requirePagePrincipal("staff");
  const a = await getAppointmentForStaff(p, appointmentId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  if (a.profileId !== profileId) notFound();
  const [practice, codes] = await Promise.all([getPracticeSettings(), listServiceCodes({ activeOnly: true })]);
  const tz = practice.timeZone;
  return (
    <div className="flex flex-col gap-4">
      <BackLink href={`/dashboard/clients/${profileId}/appointments`}>Back to appointments</BackLink>
      <h1 className="text-2xl font-bold">Change the appointment on {formatDateTime(a.startsAt, tz)}</h1>
      <ActionForm
        action={updateAppointmentAction}
        submitLabel="Save changes"
        hidden={{ id: a.id }}
        successMessage="Appointment changed."
      >
        <AppointmentFields
          codes={codes}
          timeZone={tz}
          defaults={{
            day: dateInZone(a.startsAt, tz),
            time: timeInZone(a.startsAt, tz),
            durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
            kind: a.kind,
            telehealthUrl: a.telehealthUrl ?? "",
            location: a.location ?? "",
            cptCode: a.cptCode ?? "",
          }}
        />
      </ActionForm>
    </div>
  );
}
