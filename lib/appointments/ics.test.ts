import { describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { timeInZone } from "@/lib/core/time";
import { seriesStarts } from "./rules";
import { appointmentIcs } from "./ics";

const LA = "America/Los_Angeles";

describe("appointmentIcs", () => {
  it("parses with a conformant parser and shows 10:00 Los Angeles time on both sides of the November change", () => {
    const starts = seriesStarts("2026-10-27", "10:00", 1, 2, LA);
    for (const s of starts) {
      const text = appointmentIcs({
        id: "5f0c6c1e-1111-4a7e-9d2b-3c1e2f3a4b5c",
        startsAt: s,
        endsAt: new Date(s.getTime() + 50 * 60_000),
        kind: "telehealth",
        location: null,
        practiceName: "Riverbend Counseling",
        practiceAddress: "1 Main St",
        portalUrl: "http://localhost:3000/portal/appointments",
      });
      const comp = new ICAL.Component(ICAL.parse(text));
      const ev = new ICAL.Event(comp.getFirstSubcomponent("vevent")!);
      const start = ev.startDate.toJSDate();
      expect(start.getTime()).toBe(s.getTime());
      expect(timeInZone(start, LA)).toBe("10:00");
      expect(ev.endDate.toJSDate().getTime() - start.getTime()).toBe(50 * 60_000);
      expect(ev.summary).toBe("Appointment — Riverbend Counseling");
      expect(text).not.toMatch(/zoom|meet\.|https:\/\/video/i);
    }
  });
});
