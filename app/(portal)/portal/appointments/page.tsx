import { requirePortalContext } from "@/lib/auth/guards";
import { listMyAppointments, slotsForMe, type PortalAppointment } from "@/lib/appointments/appointments";
import { cancelMyAppointmentAction, requestAppointmentAction } from "@/lib/appointments/actions";
import { getPracticeSettings } from "@/lib/practice/settings";
import { formatDateTime } from "@/lib/core/time";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, SelectField } from "@/components/ui/form-controls";
import { PhoneLink } from "@/components/ui/phone-link";

export const dynamic = "force-dynamic";
export const metadata = { title: "Appointments" };

const STATUS: Record<string, string> = {
  requested: "Requested: waiting for your provider to confirm",
  scheduled: "Booked",
  cancelled: "Canceled",
  late_cancelled: "Canceled late",
  completed: "Attended",
  no_show: "Missed",
};

/**
 * The active profile's appointments (docs/product.md, Appointments): upcoming ones with "Add to calendar", the
 * video link only shortly before the start, and Cancel while the practice's window allows; a request form with the
 * clinician's real open times; past ones below.
 */
export default async function PortalAppointments() {
  const { principal } = await requirePortalContext();
  const [mine, slots, practice] = await Promise.all([
    listMyAppointments(principal),
    slotsForMe(principal, 14),
    getPracticeSettings(),
  ]);
  const when = (d: Date) => formatDateTime(d, practice.timeZone);
  const item = (a: PortalAppointment, upcoming: boolean) => (
    <li key={a.id} data-testid="appointment" className="flex flex-col gap-2 rounded-md border border-slate-300 p-3">
      <span className="font-semibold">{when(a.startsAt)}</span>
      <span className="text-sm text-slate-800">
        {a.kind === "telehealth" ? "Telehealth (video)" : `In office${a.location ? `: ${a.location}` : ""}`}
        {a.clinicianName ? ` · with ${a.clinicianName}` : ""} · {STATUS[a.status] ?? a.status}
      </span>
      {upcoming && a.telehealthUrl ? (
        <a
          href={a.telehealthUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="font-medium text-blue-800 underline"
        >
          Join the video session
        </a>
      ) : null}
      {upcoming && a.linkLater ? (
        <span className="text-sm text-slate-700">
          The video link appears here {mine.linkMinutes} minutes before the start.
        </span>
      ) : null}
      {upcoming ? (
        <span className="flex flex-wrap items-start gap-4">
          {a.status === "scheduled" ? (
            <a
              href={`/api/appointments/${a.id}/ics`}
              download="appointment.ics"
              className="font-medium text-blue-800 underline"
              aria-label={`Add to calendar: ${when(a.startsAt)}`}
            >
              Add to calendar
            </a>
          ) : null}
          {a.canCancel ? (
            <ActionButton
              action={cancelMyAppointmentAction}
              hidden={{ id: a.id }}
              confirm={`Cancel your appointment on ${when(a.startsAt)}?`}
              submitLabel="Cancel appointment"
              pendingLabel="Canceling…"
              nameSuffix={` on ${when(a.startsAt)}`}
              variant="secondary"
            />
          ) : (
            <span className="text-sm text-slate-800">
              It is too late to cancel online. To cancel, please call the office
              {practice.phone ? (
                <>
                  {" "}
                  at <PhoneLink phone={practice.phone} />
                </>
              ) : null}
              .
            </span>
          )}
        </span>
      ) : null}
    </li>
  );
  return (
    <div className="flex flex-col gap-8">
      <h1 className="text-2xl font-bold">Appointments</h1>
      <section aria-labelledby="upcoming-h" className="flex flex-col gap-3">
        <h2 id="upcoming-h" className="text-xl font-semibold">
          Upcoming
        </h2>
        {mine.upcoming.length === 0 ? <p className="text-slate-700">You have no upcoming appointments.</p> : null}
        <ul className="flex flex-col gap-2">{mine.upcoming.map((a) => item(a, true))}</ul>
        <p className="text-sm text-slate-800" data-testid="cancellation-policy">
          <strong>Cancellation policy:</strong> {mine.policy}
        </p>
      </section>

      <section aria-labelledby="request-h" className="flex flex-col gap-3">
        <h2 id="request-h" className="text-xl font-semibold">
          Request an appointment
        </h2>
        {slots.length === 0 ? (
          <p className="text-slate-700">There are no open times in the next two weeks. Please call the office.</p>
        ) : (
          <ActionForm
            action={requestAppointmentAction}
            submitLabel="Request appointment"
            pendingLabel="Sending…"
            successMessage="Request sent. You will get an email when your provider answers."
          >
            <SelectField
              name="startsAt"
              label="Open time"
              options={slots.map((s) => ({ value: s.toISOString(), label: when(s) }))}
            />
            <ChoiceGroup
              name="kind"
              legend="Where"
              options={[
                { value: "office", label: "In office" },
                { value: "telehealth", label: "Telehealth (video)" },
              ]}
              defaultValue={["office"]}
            />
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="past-h" className="flex flex-col gap-3">
        <h2 id="past-h" className="text-xl font-semibold">
          Past and canceled
        </h2>
        {mine.past.length === 0 ? <p className="text-slate-700">No past appointments.</p> : null}
        <ul className="flex flex-col gap-2">{mine.past.map((a) => item(a, false))}</ul>
      </section>
    </div>
  );
}
