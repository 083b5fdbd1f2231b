import { describe, expect, it } from "vitest";
import { timeInZone } from "@/lib/core/time";
import { canClientCancel, openSlots, seriesStarts, telehealthLinkVisible } from "./rules";

const LA = "America/Los_Angeles";

describe("seriesStarts", () => {
  it("keeps 10:00 Los Angeles time across the November change (UTC offset moves from -7 to -8)", () => {
    const starts = seriesStarts("2026-10-20", "10:00", 1, 4, LA);
    expect(starts.map((d) => timeInZone(d, LA))).toEqual(["10:00", "10:00", "10:00", "10:00"]);
    expect(starts.map((d) => d.toISOString())).toEqual([
      "2026-10-20T17:00:00.000Z",
      "2026-10-27T17:00:00.000Z",
      "2026-11-03T18:00:00.000Z",
      "2026-11-10T18:00:00.000Z",
    ]);
  });
  it("biweekly skips a week", () => {
    const starts = seriesStarts("2026-03-02", "09:30", 2, 3, LA);
    expect(starts.map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-03-02", "2026-03-16", "2026-03-30"]);
    expect(starts.map((d) => timeInZone(d, LA))).toEqual(["09:30", "09:30", "09:30"]);
  });
});

describe("openSlots", () => {
  const base = {
    hours: [{ weekday: 2, startTime: "09:00", endTime: "12:00" }],
    daysOff: [] as string[],
    slotMinutes: 50,
    bufferMinutes: 10,
    notBefore: new Date("2026-01-01T00:00:00Z"),
    timeZone: LA,
  };
  it("cuts weekly hours into slots and leaves out booked ones with their buffer", () => {
    const free = openSlots({ ...base, fromDay: "2026-11-03", toDay: "2026-11-03", busy: [] });
    expect(free.map((d) => timeInZone(d, LA))).toEqual(["09:00", "10:00", "11:00"]);
    const busy = [{ startsAt: new Date("2026-11-03T18:00:00Z"), endsAt: new Date("2026-11-03T18:50:00Z") }];
    expect(
      openSlots({ ...base, fromDay: "2026-11-03", toDay: "2026-11-03", busy }).map((d) => timeInZone(d, LA)),
    ).toEqual(["09:00", "11:00"]);
    // A 10:20 booking blocks both the 10:00 and the 11:00 slot (its end plus the buffer reaches 11:20).
    const odd = [{ startsAt: new Date("2026-11-03T18:20:00Z"), endsAt: new Date("2026-11-03T19:10:00Z") }];
    expect(
      openSlots({ ...base, fromDay: "2026-11-03", toDay: "2026-11-03", busy: odd }).map((d) => timeInZone(d, LA)),
    ).toEqual(["09:00"]);
  });
  it("offers nothing on a day off, on other weekdays, or in the past", () => {
    expect(
      openSlots({ ...base, fromDay: "2026-11-03", toDay: "2026-11-03", busy: [], daysOff: ["2026-11-03"] }),
    ).toEqual([]);
    expect(openSlots({ ...base, fromDay: "2026-11-04", toDay: "2026-11-09", busy: [] })).toEqual([]);
    expect(
      openSlots({
        ...base,
        fromDay: "2026-11-03",
        toDay: "2026-11-03",
        busy: [],
        notBefore: new Date("2026-11-03T18:30:00Z"),
      }),
    ).toHaveLength(1);
  });
});

describe("windows", () => {
  const a = { startsAt: new Date("2026-11-03T18:00:00Z"), endsAt: new Date("2026-11-03T18:50:00Z") };
  it("cancel is allowed until the window, not after", () => {
    expect(canClientCancel(a.startsAt, new Date("2026-11-02T18:00:00Z"), 24)).toBe(true);
    expect(canClientCancel(a.startsAt, new Date("2026-11-02T18:00:01Z"), 24)).toBe(false);
  });
  it("the telehealth link shows only from the set minutes before the start", () => {
    expect(telehealthLinkVisible(a, new Date("2026-11-03T17:44:59Z"), 15)).toBe(false);
    expect(telehealthLinkVisible(a, new Date("2026-11-03T17:45:00Z"), 15)).toBe(true);
    expect(telehealthLinkVisible(a, new Date("2026-11-03T18:51:00Z"), 15)).toBe(false);
  });
});
