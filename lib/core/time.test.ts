import { describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  formatTime,
  dateInZone,
  instantInZone,
  isValidTimeZone,
  startOfDayInZone,
  timeInZone,
  todayInZone,
  zoneAbbreviation,
} from "@/lib/core/time";

const LA = "America/Los_Angeles";

describe("the one clock", () => {
  it("finds where a day starts in the practice's zone, across daylight saving", () => {
    expect(startOfDayInZone("2026-01-15", LA).toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(startOfDayInZone("2026-07-15", LA).toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(startOfDayInZone("2026-07-15", "UTC").toISOString()).toBe("2026-07-15T00:00:00.000Z");
    // The day the clocks go back (Nov 1, 2026) is 25 hours long.
    const len = startOfDayInZone("2026-11-02", LA).getTime() - startOfDayInZone("2026-11-01", LA).getTime();
    expect(len / 3_600_000).toBe(25);
  });

  it("knows real zones", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });

  it("counts today as the practice's day: 23:30 in Portland is still that day, not tomorrow in UTC", () => {
    const lateEvening = new Date("2026-12-02T07:30:00.000Z"); // Dec 1, 23:30 PST
    expect(todayInZone(lateEvening, LA)).toBe("2026-12-01");
    expect(todayInZone(lateEvening, "UTC")).toBe("2026-12-02");
    const afterFour = new Date("2026-12-02T00:30:00.000Z"); // Dec 1, 16:30 PST
    expect(todayInZone(afterFour, LA)).toBe("2026-12-01");
  });

  it("shows instants in the zone with its abbreviation, PDT before the change and PST after", () => {
    expect(formatDateTime(new Date("2026-12-01T14:35:53Z"), LA)).toBe("Dec 1, 2026, 6:35 AM PST");
    expect(formatDateTime(new Date("2026-07-01T17:00:00Z"), LA)).toBe("Jul 1, 2026, 10:00 AM PDT");
    expect(zoneAbbreviation(new Date("2026-11-01T08:30:00Z"), LA)).toBe("PDT"); // 1:30 AM, first pass
    expect(zoneAbbreviation(new Date("2026-11-01T09:30:00Z"), LA)).toBe("PST"); // 1:30 AM, second pass
    expect(formatTime(new Date("2026-11-01T09:30:00Z"), LA)).toBe("1:30 AM PST");
    // A zone without an abbreviation in English reads as its offset; each zone keeps its own formatter.
    expect(formatTime(new Date("2026-11-01T09:30:00Z"), "Asia/Kolkata")).toBe("3:00 PM GMT+5:30");
    expect(zoneAbbreviation(new Date("2026-07-01T17:00:00Z"), "America/New_York")).toBe("EDT");
    expect(zoneAbbreviation(new Date("2026-07-01T17:00:00Z"), LA)).toBe("PDT");
    expect(formatDateTime(null, LA)).toBe("—");
  });

  it("keeps wall-clock times on daylight-saving change days", () => {
    expect(instantInZone("2026-10-31", "10:00", LA).toISOString()).toBe("2026-10-31T17:00:00.000Z");
    expect(instantInZone("2026-11-01", "10:00", LA).toISOString()).toBe("2026-11-01T18:00:00.000Z");
    expect(instantInZone("2026-03-08", "10:00", LA).toISOString()).toBe("2026-03-08T17:00:00.000Z");
  });

  it("shows calendar days as they are, never shifted through a zone", () => {
    expect(formatDate("1990-04-12")).toBe("Apr 12, 1990");
    expect(formatDate("1990-04-12", "Pacific/Kiritimati")).toBe("Apr 12, 1990");
    expect(formatDate(new Date("2026-12-02T07:30:00Z"), LA)).toBe("Dec 1, 2026");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a day")).toBe("—");
  });

  it("moves and measures calendar days", () => {
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-11-01", 1)).toBe("2026-11-02");
    expect(daysBetween("2026-11-30", "2026-12-03")).toBe(3);
    expect(daysBetween("2026-12-03", "2026-11-30")).toBe(-3);
  });

  it("writes every instant as Luxon does, every three hours through a year's daylight-saving changes in six zones (Santiago changes at midnight)", () => {
    // The formatting reads Intl's parts directly (lib/core/time.ts); Luxon's own formatting is the reference.
    const zones = [LA, "America/New_York", "Europe/London", "Asia/Kolkata", "Australia/Lord_Howe", "America/Santiago"];
    const luxon = (d: Date, tz: string) => DateTime.fromJSDate(d, { zone: tz }).setLocale("en-US");
    let checked = 0;
    for (const tz of zones)
      for (let t = Date.UTC(2026, 0, 1, 0, 7); t < Date.UTC(2027, 0, 1); t += 3 * 3_600_000 - 60_000) {
        const d = new Date(t);
        const l = luxon(d, tz);
        expect(dateInZone(d, tz)).toBe(l.toISODate());
        expect(formatDate(d, tz)).toBe(l.toFormat("LLL d, yyyy"));
        expect(timeInZone(d, tz)).toBe(l.toFormat("HH:mm"));
        expect(formatDateTime(d, tz)).toBe(`${l.toFormat("LLL d, yyyy, h:mm a")} ${zoneAbbreviation(d, tz)}`);
        expect(formatTime(d, tz)).toBe(`${l.toFormat("h:mm a")} ${zoneAbbreviation(d, tz)}`);
        checked++;
      }
    expect(checked).toBeGreaterThan(6 * 2900);
    // Every day of a leap year, written without a zone, as Luxon writes it.
    for (let day = "2028-01-01"; day < "2029-01-01"; day = addDays(day, 1))
      expect(formatDate(day)).toBe(DateTime.fromISO(day, { zone: "UTC" }).setLocale("en-US").toFormat("LLL d, yyyy"));
    expect(formatDate("2026-02-30")).toBe("Invalid DateTime");
    // Around a midnight that does not exist (Santiago, first Sunday of September 2026: 00:00 becomes 01:00), minute
    // by minute, including going back in time.
    const santiago = "America/Santiago";
    for (const t of [Date.UTC(2026, 8, 6, 2, 0), Date.UTC(2026, 8, 6, 5, 0), Date.UTC(2026, 8, 5, 23, 0)])
      for (let m = -90; m <= 90; m += 7) {
        const d = new Date(t + m * 60_000);
        expect(dateInZone(d, santiago)).toBe(luxon(d, santiago).toISODate());
      }
  });
});
