import { describe, expect, it } from "vitest";
import { formatAnswer, type Question } from "./types";

const LA = "America/Los_Angeles";
const signature: Question = { id: "sig", type: "signature", label: "Signature" };

describe("answers as people read them", () => {
  it("shows a signature's instant in the practice's zone with its abbreviation, and names the address", () => {
    const v = {
      legalName: "Jordan Lee",
      relationship: "self",
      consent: true,
      signedAt: "2026-12-01T14:35:53.000Z",
      ip: "::1",
      userId: "u",
    };
    expect(formatAnswer(signature, v, LA)).toBe(
      "Signed by Jordan Lee (self) on Dec 1, 2026, 6:35 AM PST from IP address ::1",
    );
    // The same stored instant in summer time reads PDT; another practice's zone reads its own.
    expect(formatAnswer(signature, { ...v, signedAt: "2026-07-01T17:00:00.000Z", ip: null }, LA)).toBe(
      "Signed by Jordan Lee (self) on Jul 1, 2026, 10:00 AM PDT",
    );
    expect(formatAnswer(signature, v, "America/New_York")).toContain("9:35 AM EST");
    expect(formatAnswer(signature, v, LA)).not.toMatch(/GMT|UTC/);
  });

  it("shows a date answer as a calendar day, never shifted", () => {
    const q: Question = { id: "d", type: "date", label: "Date" };
    expect(formatAnswer(q, "2026-11-24", "Pacific/Kiritimati")).toBe("Nov 24, 2026");
    expect(formatAnswer(q, null, LA)).toBe("—");
  });
});
