import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { addDays, formatDateTime, todayInZone } from "@/lib/core/time";
import { listProfileAppointments } from "@/lib/appointments/appointments";
import { listFormRules } from "@/lib/appointments/form-rules";
import {
  addFormRuleAction,
  createAppointmentsAction,
  markAppointmentAction,
  removeFormRuleAction,
} from "@/lib/appointments/actions";
import { listServiceCodes } from "@/lib/billing/catalogue";
import { listTemplates } from "@/lib/forms/templates";
import { findProfile } from "@/lib/profiles/access";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, SelectField, TextField } from "@/components/ui/form-controls";
import { Section } from "@/components/ui/section";
import { AppointmentFields } from "@/components/appointments/appointment-fields";

export const dynamic = "force-dynamic";
export const metadata = { title: "Appointments" };

const STATUS: Record<string, string> = {
  requested: "Requested",
  scheduled: "Scheduled",
  cancelled: "Canceled",
  late_cancelled: "Late cancellation",
  completed: "Completed",
  no_show: "No-show",
};

/** A client's appointments (staff): book one or a series, change, mark what happened, measures before visits. */
export default async function ClientAppointments({ params }: { params: Promise<{ profileId: string }> }) {
  const { profileId } = await params;
  const p = await requirePagePrincipal("staff");
  const loaded = await Promise.all([
    findProfile(p, profileId),
    listProfileAppointments(p, profileId),
    listFormRules(p, profileId),
  ]).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const [profile, rows, rules] = loaded;
  const [practice, codes, templates] = await Promise.all([
    getPracticeSettings(),
    listServiceCodes({ activeOnly: true }),
    listTemplates(p),
  ]);
  const t = now();
  const when = (d: Date) => formatDateTime(d, practice.timeZone);
  const base = `/dashboard/clients/${profile.id}`;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Appointments: {profile.legalName}</h1>
      <Section title="Appointments" id="list-h">
        {rows.length === 0 ? <p className="text-slate-700">No appointments yet.</p> : null}
        <ul className="flex flex-col gap-2">
          {rows.map((a) => (
            <li
              key={a.id}
              data-testid="staff-appointment"
              className="flex flex-col gap-2 rounded-md border border-slate-300 p-3"
            >
              <span className="font-semibold">{when(a.startsAt)}</span>
              <span className="text-sm text-slate-800">
                {a.kind === "telehealth" ? "Telehealth" : `In office${a.location ? `: ${a.location}` : ""}`}
                {a.cptCode ? ` · CPT ${a.cptCode}` : ""} · {STATUS[a.status]}
                {a.seriesId ? " · recurring" : ""}
              </span>
              <span className="flex flex-wrap items-start gap-3">
                {a.status === "scheduled" ? (
                  <>
                    <Link href={`${base}/appointments/${a.id}`} className="font-medium text-blue-800 underline">
                      Change<span className="sr-only"> the appointment on {when(a.startsAt)}</span>
                    </Link>
                    <ActionButton
                      action={markAppointmentAction}
                      hidden={{ id: a.id, status: "cancelled" }}
                      confirm={`Cancel the appointment on ${when(a.startsAt)}?`}
                      submitLabel="Cancel"
                      nameSuffix={` the appointment on ${when(a.startsAt)}`}
                      variant="secondary"
                    />
                    <ActionButton
                      action={markAppointmentAction}
                      hidden={{ id: a.id, status: "late_cancelled" }}
                      submitLabel="Late cancellation"
                      nameSuffix={` on ${when(a.startsAt)}`}
                      variant="secondary"
                    />
                    {a.startsAt <= t ? (
                      <>
                        <ActionButton
                          action={markAppointmentAction}
                          hidden={{ id: a.id, status: "completed" }}
                          submitLabel="Mark completed"
                          nameSuffix={` on ${when(a.startsAt)}`}
                        />
                        <ActionButton
                          action={markAppointmentAction}
                          hidden={{ id: a.id, status: "no_show" }}
                          submitLabel="No-show"
                          nameSuffix={` on ${when(a.startsAt)}`}
                          variant="secondary"
                        />
                      </>
                    ) : null}
                  </>
                ) : null}
                {a.status === "completed" ? (
                  <Link
                    href={`${base}/billing?fromAppointment=${a.id}#record-service`}
                    className="font-medium text-blue-800 underline"
                  >
                    Record service<span className="sr-only"> for {when(a.startsAt)}</span>
                  </Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Book an appointment" id="book-h">
        <ActionForm
          action={createAppointmentsAction}
          submitLabel="Book"
          pendingLabel="Booking…"
          hidden={{ profileId: profile.id }}
          successMessage="Booked. The appointments are in the list above."
        >
          <AppointmentFields
            codes={codes}
            timeZone={practice.timeZone}
            defaults={{
              day: addDays(todayInZone(t, practice.timeZone), 7),
              time: "10:00",
              durationMinutes: 50,
              kind: "office",
              telehealthUrl: "",
              location: "",
              cptCode: "90834",
            }}
          />
          <ChoiceGroup
            name="repeat"
            legend="Repeats"
            options={[
              { value: "none", label: "Does not repeat" },
              { value: "weekly", label: "Weekly" },
              { value: "biweekly", label: "Every two weeks" },
            ]}
            defaultValue={["none"]}
          />
          <TextField
            name="occurrences"
            label="Number of appointments (when repeating)"
            type="number"
            inputMode="numeric"
            defaultValue="1"
          />
        </ActionForm>
      </Section>

      <Section title="Measures before appointments" id="rules-h">
        <p className="text-slate-700">
          A form set here is sent automatically and appears as a to-do for the client the set number of hours before
          each appointment (or at most every N weeks).
        </p>
        {rules.length ? (
          <ul className="flex flex-col gap-2">
            {rules.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center gap-3">
                <span>
                  {r.title}: {r.everyWeeks ? `every ${r.everyWeeks} weeks` : "before every appointment"}, {r.leadHours}{" "}
                  hours before
                </span>
                <ActionButton
                  action={removeFormRuleAction}
                  hidden={{ id: r.id }}
                  submitLabel="Stop"
                  nameSuffix={` sending ${r.title}`}
                  variant="secondary"
                />
              </li>
            ))}
          </ul>
        ) : null}
        <ActionForm
          action={addFormRuleAction}
          submitLabel="Add"
          hidden={{ profileId: profile.id }}
          successMessage="Saved."
        >
          <SelectField
            name="templateId"
            label="Form"
            options={templates.map((x) => ({ value: x.id, label: x.title }))}
          />
          <ChoiceGroup
            name="every"
            legend="How often"
            options={[
              { value: "appointment", label: "Before every appointment" },
              { value: "weeks", label: "At most every N weeks" },
            ]}
            defaultValue={["appointment"]}
          />
          <TextField
            name="everyWeeks"
            label="N weeks (when every N weeks)"
            type="number"
            inputMode="numeric"
            defaultValue="4"
          />
          <TextField
            name="leadHours"
            label="Hours before the appointment"
            type="number"
            inputMode="numeric"
            defaultValue="48"
          />
        </ActionForm>
      </Section>
    </div>
  );
}
