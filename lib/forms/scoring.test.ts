import { describe, expect, it } from "vitest";
import { bandFor, itemIds, needsSafetyAlert, scoreMeasure } from "./scoring";

// Every band boundary exactly as docs/product.md (Forms: scoring) gives it.
describe("PHQ-9 bands", () => {
  it.each([
    [0, "None/minimal"],
    [4, "None/minimal"],
    [5, "Mild"],
    [9, "Mild"],
    [10, "Moderate"],
    [14, "Moderate"],
    [15, "Moderately severe"],
    [19, "Moderately severe"],
    [20, "Severe"],
    [27, "Severe"],
  ])("total %i is %s", (total, band) => expect(bandFor("phq9", total)).toBe(band));
  it("refuses totals outside 0–27", () => {
    expect(() => bandFor("phq9", -1)).toThrow();
    expect(() => bandFor("phq9", 28)).toThrow();
  });
});

describe("GAD-7 bands", () => {
  it.each([
    [0, "Minimal"],
    [4, "Minimal"],
    [5, "Mild"],
    [9, "Mild"],
    [10, "Moderate"],
    [14, "Moderate"],
    [15, "Severe"],
    [21, "Severe"],
  ])("total %i is %s", (total, band) => expect(bandFor("gad7", total)).toBe(band));
  it("refuses totals outside 0–21", () => {
    expect(() => bandFor("gad7", 22)).toThrow();
    expect(() => bandFor("gad7", 1.5)).toThrow();
  });
});

const answersOf = (measure: "phq9" | "gad7", values: number[]) =>
  Object.fromEntries(itemIds(measure).map((id, i) => [id, String(values[i])]));

describe("scoreMeasure", () => {
  it("sums PHQ-9 items and raises a safety alert when item 9 is above 0", () => {
    const s = scoreMeasure("phq9", answersOf("phq9", [1, 1, 1, 1, 1, 0, 0, 0, 1]));
    expect(s).toMatchObject({ total: 6, band: "Mild", safetyItem: 1 });
    expect(needsSafetyAlert(s)).toBe(true);
  });
  it("no safety alert when item 9 is 0", () => {
    const s = scoreMeasure("phq9", answersOf("phq9", [3, 3, 3, 3, 3, 3, 3, 3, 0]));
    expect(s).toMatchObject({ total: 24, band: "Severe" });
    expect(needsSafetyAlert(s)).toBe(false);
  });
  it("scores GAD-7 maximum as severe, never a safety alert", () => {
    const s = scoreMeasure("gad7", answersOf("gad7", [3, 3, 3, 3, 3, 3, 3]));
    expect(s).toMatchObject({ total: 21, band: "Severe" });
    expect(needsSafetyAlert(s)).toBe(false);
  });
  it("refuses a missing item", () => {
    expect(() => scoreMeasure("gad7", { gad7_1: "1" })).toThrow();
  });
});
