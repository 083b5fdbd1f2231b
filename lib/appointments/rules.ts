// No "server-only": pure rules, unit-tested and used by pages.
import { HOUR, MINUTE } from "@/lib/core/clock";
import { addDays, dateInZone, instantInZone, weekdayOf } from "@/lib/core/time";

/**
 * The rules of appointments that need no database (docs/decisions.md, Appointments). Wall-clock times are turned
 * into instants one calendar day at a time through lib/core/time.ts, so "10:00 every week" stays 10:00 in the
 * practice's zone on both sides of a daylight-saving change.
 */

/** The starts of a weekly (1) or biweekly (2) series: `count` occurrences from `firstDay` at `localTime`. */
export function seriesStarts(
  firstDay: string,
  localTime: string,
  intervalWeeks: number,
  count: number,
  timeZone: string,
): Date[] {
  return Array.from({ length: count }, (_, i) =>
    instantInZone(addDays(firstDay, i * 7 * intervalWeeks), localTime, timeZone),
  );
}

export type Busy = { startsAt: Date; endsAt: Date };
export type WeeklyHours = { weekday: number; startTime: string; endTime: string };

/**
 * Requestable slots between two calendar days (inclusive): the clinician's weekly hours on days that are not off,
 * cut into `slotMinutes` slots that start `slotMinutes + bufferMinutes` apart, minus any slot that comes within
 * the buffer of a booked (or requested) appointment, and minus what has started by `notBefore`.
 */
export function openSlots(args: {
  fromDay: string;
  toDay: string;
  hours: WeeklyHours[];
  daysOff: string[];
  busy: Busy[];
  slotMinutes: number;
  bufferMinutes: number;
  notBefore: Date;
  timeZone: string;
}): Date[] {
  const off = new Set(args.daysOff);
  const slotMs = args.slotMinutes * MINUTE;
  const bufferMs = args.bufferMinutes * MINUTE;
  const out: Date[] = [];
  for (let day = args.fromDay; day <= args.toDay; day = addDays(day, 1)) {
    if (off.has(day)) continue;
    const wd = weekdayOf(day);
    for (const h of args.hours.filter((x) => x.weekday === wd).sort((a, b) => a.startTime.localeCompare(b.startTime))) {
      const end = instantInZone(day, h.endTime, args.timeZone).getTime();
      for (
        let s = instantInZone(day, h.startTime, args.timeZone).getTime();
        s + slotMs <= end;
        s += slotMs + bufferMs
      ) {
        if (s <= args.notBefore.getTime()) continue;
        const clash = args.busy.some(
          (b) => s < b.endsAt.getTime() + bufferMs && s + slotMs + bufferMs > b.startsAt.getTime(),
        );
        if (!clash) out.push(new Date(s));
      }
    }
  }
  return out;
}

/** Whether a client may still cancel online: the start is at least the practice's window away. */
export function canClientCancel(startsAt: Date, at: Date, windowHours: number): boolean {
  return startsAt.getTime() - at.getTime() >= windowHours * HOUR;
}

/** The telehealth link is shown from `minutes` before the start until the end, and never earlier. */
export function telehealthLinkVisible(a: { startsAt: Date; endsAt: Date }, at: Date, minutes: number): boolean {
  return at.getTime() >= a.startsAt.getTime() - minutes * MINUTE && at.getTime() <= a.endsAt.getTime();
}

/**
 * Place of service for "Record service" (docs/product.md, Billing): 11 office; telehealth 10 (at the client's
 * home, the usual case in a portal session) unless the clinician changes it to 02 on the form.
 */
export function placeOfServiceFor(kind: "office" | "telehealth"): "11" | "10" {
  return kind === "office" ? "11" : "10";
}

/** The default policy text when the practice has written none. */
export function defaultCancellationPolicy(windowHours: number): string {
  return `Appointments can be canceled online up to ${windowHours} hours before they start. After that, please call the office; a late cancellation may be charged.`;
}

/** The practice-zone day an appointment is on (its date of service). */
export function dayOf(startsAt: Date, timeZone: string): string {
  return dateInZone(startsAt, timeZone);
}
