import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { now } from "@/lib/core/clock";
import {
  addDays,
  dateInZone,
  formatDayWithWeekday,
  formatTime,
  isValidDay,
  todayInZone,
  weekStartOf,
} from "@/lib/core/time";
import { listWeek } from "@/lib/appointments/appointments";
import { getMyAvailability } from "@/lib/appointments/availability";
import { acceptRequestAction, declineRequestAction, saveAvailabilityAction } from "@/lib/appointments/actions";
import { WEEKDAY_FIELDS } from "@/lib/appointments/schemas";
import { getPracticeSettings } from "@/lib/practice/settings";
import { ActionButton, ActionForm } from "@/components/ui/action-form";
import { TextareaField, TextField } from "@/components/ui/form-controls";
import { Section } from "@/components/ui/section";

export const dynamic = "force-dynamic";
export const metadata = { title: "Calendar" };

const STATUS: Record<string, string> = {
  requested: "requested",
  scheduled: "",
  cancelled: "canceled",
  late_cancelled: "late cancellation",
  completed: "completed",
  no_show: "no-show",
};

/**
 * The clinician's week (docs/product.md, Appointments): Monday to Sunday in the practice's zone, requests waiting
 * for an answer, and the weekly hours and days off that make the open times clients can request.
 */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ week?: string }> }) {
  const p = await requirePagePrincipal("staff");
  const { week } = await searchParams;
  const practice = await getPracticeSettings();
  const tz = practice.timeZone;
  const start = weekStartOf(week && isValidDay(week) ? week : todayInZone(now(), tz));
  const [{ appointments, requests }, availability] = await Promise.all([listWeek(p, start), getMyAvailability(p)]);
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const byDay = (day: string) => appointments.filter((a) => dateInZone(a.startsAt, tz) === day);
  const at = (d: Date) => `${formatDayWithWeekday(dateInZone(d, tz))}, ${formatTime(d, tz)}`;
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Calendar</h1>
      {requests.length ? (
        <Section title={`Requests (${requests.length})`} id="requests-h">
          <ul className="flex flex-col gap-2">
            {requests.map((r) => (
              <li
                key={r.id}
                data-testid="request"
                className="flex flex-wrap items-center gap-3 rounded-md border border-amber-300 p-3"
              >
                <span>
                  <strong>{r.profileName}</strong> asks for {at(r.startsAt)} (
                  {r.kind === "telehealth" ? "telehealth" : "in office"})
                </span>
                <ActionButton
                  action={acceptRequestAction}
                  hidden={{ id: r.id }}
                  submitLabel="Accept"
                  nameSuffix={` ${r.profileName} at ${at(r.startsAt)}`}
                />
                <ActionButton
                  action={declineRequestAction}
                  hidden={{ id: r.id }}
                  submitLabel="Decline"
                  nameSuffix={` ${r.profileName} at ${at(r.startsAt)}`}
                  variant="secondary"
                />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <section aria-labelledby="week-h" className="flex flex-col gap-3">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="week-h" className="text-xl font-semibold">
            Week of {formatDayWithWeekday(start)}
          </h2>
          <nav aria-label="Weeks" className="flex gap-4">
            <Link
              href={`/dashboard/calendar?week=${addDays(start, -7)}`}
              className="font-medium text-blue-800 underline"
            >
              Previous week
            </Link>
            <Link href="/dashboard/calendar" className="font-medium text-blue-800 underline">
              This week
            </Link>
            <Link
              href={`/dashboard/calendar?week=${addDays(start, 7)}`}
              className="font-medium text-blue-800 underline"
            >
              Next week
            </Link>
          </nav>
        </div>
        <ol className="grid grid-cols-1 gap-2 md:grid-cols-7">
          {days.map((day) => (
            <li key={day} className="flex flex-col gap-1 rounded-md border border-slate-200 bg-white p-2">
              <h3 className="text-sm font-semibold">{formatDayWithWeekday(day)}</h3>
              {byDay(day).length === 0 ? <span className="text-sm text-slate-600">Nothing booked</span> : null}
              <ul className="flex flex-col gap-1">
                {byDay(day).map((a) => (
                  <li key={a.id} data-testid="calendar-appointment" className="text-sm">
                    <Link
                      href={`/dashboard/clients/${a.profileId}/appointments`}
                      className="font-medium text-blue-800 underline"
                    >
                      {formatTime(a.startsAt, tz)} {a.profileName}
                    </Link>
                    {STATUS[a.status] ? <span className="text-slate-700"> ({STATUS[a.status]})</span> : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>

      <Section title="Hours and days off" id="hours-h">
        <p className="text-slate-700">
          Clients can request open times within these hours, in the practice&apos;s time zone ({tz}). Leave a day blank
          for no hours.
        </p>
        <ActionForm action={saveAvailabilityAction} submitLabel="Save hours" successMessage="Hours saved.">
          {WEEKDAY_FIELDS.map((d) => (
            <TextField
              key={d.name}
              name={d.name}
              label={d.label}
              placeholder="09:00-12:00, 13:00-17:00"
              defaultValue={availability.hours
                .filter((h) => h.weekday === d.weekday)
                .map((h) => `${h.startTime}-${h.endTime}`)
                .join(", ")}
            />
          ))}
          <TextField
            name="slotMinutes"
            label="Appointment length (minutes)"
            type="number"
            inputMode="numeric"
            defaultValue={String(availability.slotMinutes)}
          />
          <TextField
            name="bufferMinutes"
            label="Buffer between appointments (minutes)"
            type="number"
            inputMode="numeric"
            defaultValue={String(availability.bufferMinutes)}
          />
          <TextareaField
            name="daysOff"
            label="Days off"
            hint="One date per line, like 2026-12-24."
            defaultValue={availability.daysOff.join("\n")}
          />
        </ActionForm>
      </Section>
    </div>
  );
}
