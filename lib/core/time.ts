/**
 * The one clock: every date and time that Haven shows, prints, signs or compares as "today" goes through this
 * module, always in the practice's time zone (practice settings), never the server's or UTC. Luxon does the
 * zone arithmetic (IANA rules, daylight-saving gaps and overlaps), so nothing here adds hours by hand.
 *
 * Two kinds of value:
 * - an instant (`Date`): when something happened (submitted, signed, paid, sent). Shown with the zone's
 *   abbreviation, e.g. "Dec 1, 2026, 6:35 AM PST".
 * - a calendar day (`YYYY-MM-DD` string): a date of birth, a date of service, a due date. It is never shifted
 *   through a zone; "today" is the practice's calendar day at this instant.
 *
 * Pure (no database, no server-only import): components and PDFs call it with the practice's zone.
 */
import { DateTime } from "luxon";

const LOCALE = "en-US";

function at(d: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(d, { zone: timeZone }).setLocale(LOCALE);
}

function isDay(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s);
}

export function isValidTimeZone(tz: string): boolean {
  return DateTime.now().setZone(tz).isValid;
}

const currentDays = new Map<string, { day: string; start: number; end: number }>();

/** The calendar day (YYYY-MM-DD) an instant falls on in the zone. */
export function dateInZone(instant: Date, timeZone: string): string {
  // "Today" is asked with a new instant on every request: the day last found in each zone is kept with the instants
  // it starts and ends at (Luxon's, so a 23- or 25-hour day is exact), and any instant inside it is that day.
  const ms = instant.getTime();
  const kept = currentDays.get(timeZone);
  if (kept && ms >= kept.start && ms < kept.end) return kept.day;
  const x = partsInZone(instant, timeZone);
  if (!x) return at(instant, timeZone).toISODate()!;
  const day = isoDay(x);
  const start = DateTime.fromISO(day, { zone: timeZone }).startOf("day");
  if (currentDays.size >= 32) currentDays.clear();
  currentDays.set(timeZone, { day, start: start.toMillis(), end: start.plus({ days: 1 }).startOf("day").toMillis() });
  return day;
}

/** Today's calendar day in the zone at the instant given (pass the clock's `now()`). */
export function todayInZone(instant: Date, timeZone: string): string {
  return dateInZone(instant, timeZone);
}

/** The instant a calendar day (YYYY-MM-DD) starts in the zone (midnight, or the first instant after a gap). */
export function startOfDayInZone(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).startOf("day").toJSDate();
}

/** The instant a wall-clock time on a calendar day happens in the zone ("2026-11-02", "10:00"). */
export function instantInZone(day: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${day}T${time}`, { zone: timeZone }).toJSDate();
}

/**
 * One formatter per zone for everything an instant shows: its day, its wall-clock time and the zone's abbreviation,
 * in one `formatToParts` call. Luxon builds these answers from several Intl calls and objects per instant (and its
 * "ZZZZ" a new Intl.DateTimeFormat on every call), which was a ninth of the audit log page's CPU time and a visible
 * share of the client's home (docs/performance.md); the parts here give the same text, which the tests hold against
 * Luxon's across daylight-saving changes. Luxon still does all zone arithmetic. A practice has one zone, so the cache
 * stays small (and is emptied if it ever is not).
 */
const instantFormats = new Map<string, Intl.DateTimeFormat>();
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

type InstantParts = { year: number; month: number; day: number; hour: number; minute: string; zone: string };

/**
 * Answers already given, by zone and exact instant (the same shared files and visits are shown on every request):
 * at most MEMO_SIZE, emptied when full. Parts are never changed after they are made.
 */
const MEMO_SIZE = 2000;
const memo = new Map<string, InstantParts>();

/** The instant's parts in the zone, or null when Intl cannot answer (an invalid date or zone: Luxon's path then). */
function partsInZone(instant: Date, timeZone: string): InstantParts | null {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) return null;
  const key = `${timeZone}|${ms}`;
  const known = memo.get(key);
  if (known) return known;
  const made = readParts(instant, timeZone);
  if (made) {
    if (memo.size >= MEMO_SIZE) memo.clear();
    memo.set(key, made);
  }
  return made;
}

function readParts(instant: Date, timeZone: string): InstantParts | null {
  let format = instantFormats.get(timeZone);
  if (!format) {
    if (instantFormats.size >= 32) instantFormats.clear();
    try {
      // This module is the one place that formats times (the rule points everyone else here).
      // eslint-disable-next-line no-restricted-properties
      format = new Intl.DateTimeFormat(LOCALE, {
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "2-digit",
        timeZone,
        timeZoneName: "short",
      });
    } catch {
      return null;
    }
    instantFormats.set(timeZone, format);
  }
  const out: InstantParts = { year: 0, month: 0, day: 0, hour: 0, minute: "00", zone: timeZone };
  for (const part of format.formatToParts(instant)) {
    if (part.type === "year") out.year = Number(part.value);
    else if (part.type === "month") out.month = Number(part.value);
    else if (part.type === "day") out.day = Number(part.value);
    else if (part.type === "hour") out.hour = Number(part.value) % 24;
    else if (part.type === "minute") out.minute = part.value;
    else if (part.type === "timeZoneName") out.zone = part.value;
  }
  return out.year > 0 ? out : null;
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const isoDay = (x: { year: number; month: number; day: number }) =>
  `${String(x.year).padStart(4, "0")}-${pad2(x.month)}-${pad2(x.day)}`;
const shortDay = (x: { year: number; month: number; day: number }) => `${MONTHS[x.month - 1]} ${x.day}, ${x.year}`;
const clock12 = (x: InstantParts) => `${x.hour % 12 || 12}:${x.minute} ${x.hour < 12 ? "AM" : "PM"}`;

/** The zone's abbreviation at that instant, e.g. "PST" or "PDT" (falls back to "GMT-8" where none exists). */
export function zoneAbbreviation(instant: Date, timeZone: string): string {
  return partsInZone(instant, timeZone)?.zone ?? timeZone;
}

/**
 * A calendar day or an instant as a date: "Dec 1, 2026". A YYYY-MM-DD string is shown as that day (not shifted);
 * an instant is shown as the day it fell on in the zone.
 */
export function formatDate(value: Date | string | null | undefined, timeZone = "UTC"): string {
  if (value == null || value === "") return "—";
  if (typeof value === "string") {
    if (!isDay(value)) return "—";
    const [year, month, day] = value.split("-").map(Number);
    // Days every month has are written directly; the rest (and impossible ones) as Luxon writes them.
    if (year > 0 && month >= 1 && month <= 12 && day >= 1 && day <= 28) return shortDay({ year, month, day });
    return DateTime.fromISO(value, { zone: "UTC" }).setLocale(LOCALE).toFormat("LLL d, yyyy");
  }
  const x = partsInZone(value, timeZone);
  return x ? shortDay(x) : at(value, timeZone).toFormat("LLL d, yyyy");
}

/** An instant as date and time with the zone's abbreviation: "Dec 1, 2026, 6:35 AM PST". */
export function formatDateTime(value: Date | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const x = partsInZone(value, timeZone);
  return x ? `${shortDay(x)}, ${clock12(x)} ${x.zone}` : at(value, timeZone).toFormat("LLL d, yyyy, h:mm a");
}

/** An instant as a time of day with the zone's abbreviation: "6:35 AM PST". */
export function formatTime(value: Date | null | undefined, timeZone: string): string {
  if (!value) return "—";
  const x = partsInZone(value, timeZone);
  return x ? `${clock12(x)} ${x.zone}` : at(value, timeZone).toFormat("h:mm a");
}

/** A YYYY-MM-DD day moved by whole calendar days. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: "UTC" }).plus({ days }).toISODate()!;
}

/** The first day of the day's month. */
export function firstOfMonth(day: string): string {
  return `${day.slice(0, 8)}01`;
}

/** Whole calendar days from one YYYY-MM-DD day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days);
}

/** The ISO weekday of a YYYY-MM-DD day: 1 Monday … 7 Sunday. */
export function weekdayOf(day: string): number {
  return DateTime.fromISO(day, { zone: "UTC" }).weekday;
}

/** The Monday that starts the week a YYYY-MM-DD day falls in. */
export function weekStartOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** The wall-clock time ("HH:MM", 24-hour) an instant shows in the zone. */
export function timeInZone(instant: Date, timeZone: string): string {
  const x = partsInZone(instant, timeZone);
  return x ? `${pad2(x.hour)}:${x.minute}` : at(instant, timeZone).toFormat("HH:mm");
}

/** A calendar day with its weekday: "Tue, Nov 3, 2026". */
export function formatDayWithWeekday(day: string): string {
  if (!isDay(day)) return "—";
  return DateTime.fromISO(day, { zone: "UTC" }).setLocale(LOCALE).toFormat("ccc, LLL d, yyyy");
}

/** Whether a string is a real YYYY-MM-DD calendar day. */
export function isValidDay(s: string): boolean {
  return isDay(s) && DateTime.fromISO(s, { zone: "UTC" }).isValid;
}
