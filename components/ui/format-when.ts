/** Dates in the practice's time zone, e.g. "Nov 27, 2026, 9:15 AM". */
export function formatWhen(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}
