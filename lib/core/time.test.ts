import { describe, expect, it } from "vitest";
import { isValidTimeZone, startOfDayInZone } from "@/lib/core/time";

describe("practice time zone", () => {
  it("finds where a day starts in the practice's zone, across daylight saving", () => {
    expect(startOfDayInZone("2026-01-15", "America/Los_Angeles").toISOString()).toBe("2026-01-15T08:00:00.000Z");
    expect(startOfDayInZone("2026-07-15", "America/Los_Angeles").toISOString()).toBe("2026-07-15T07:00:00.000Z");
    expect(startOfDayInZone("2026-07-15", "UTC").toISOString()).toBe("2026-07-15T00:00:00.000Z");
  });
  it("knows real zones", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
