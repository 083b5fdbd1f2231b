import { afterEach, describe, expect, it } from "vitest";
import { clockForTests } from "@/lib/core/clock";
import { dobField, einField, emailField, icd10ListField, isValidNpi, normalizeEin, normalizeIcd10, npiField } from "@/lib/core/validation";

describe("NPI check digit (Luhn with the 80840 prefix)", () => {
  it("accepts real NPIs, including the CMS example 1234567893", () => {
    for (const npi of ["1234567893", "1245319599", "1679576722", "1003000126"]) expect(isValidNpi(npi), npi).toBe(true);
  });
  it("rejects a wrong check digit, wrong length and non-digits", () => {
    expect(isValidNpi("1234567890")).toBe(false);
    expect(isValidNpi("1245319598")).toBe(false);
    expect(isValidNpi("123456789")).toBe(false);
    expect(isValidNpi("12345678933")).toBe(false);
    expect(isValidNpi("12345a7893")).toBe(false);
  });
  it("says why at the field", () => {
    const short = npiField.safeParse("12345");
    expect(short.success || short.error.issues[0].message).toBe("An NPI is exactly 10 digits.");
    const bad = npiField.safeParse("1234567890");
    expect(bad.success || bad.error.issues[0].message).toMatch(/check digit/);
    expect(npiField.parse("")).toBeNull();
    expect(npiField.parse(" 1234567893 ")).toBe("1234567893");
  });
});

describe("EIN", () => {
  it("takes 9 digits with or without the dash and writes NN-NNNNNNN", () => {
    expect(normalizeEin("931234567")).toBe("93-1234567");
    expect(normalizeEin("93-1234567")).toBe("93-1234567");
    expect(einField.parse("")).toBeNull();
  });
  it("rejects other shapes", () => {
    for (const v of ["93-123456", "9312345678", "AB-1234567", "931-234567", "00-1234567"]) expect(normalizeEin(v), v).toBeNull();
    expect(einField.safeParse("12345").success).toBe(false);
  });
});

describe("ICD-10 codes", () => {
  it("accepts the format and normalises case and the dot", () => {
    expect(normalizeIcd10("F41.1")).toBe("F41.1");
    expect(normalizeIcd10("f32.a")).toBe("F32.A");
    expect(normalizeIcd10("F411")).toBe("F41.1");
    expect(normalizeIcd10("S52.521A")).toBe("S52.521A");
    expect(normalizeIcd10("Z63")).toBe("Z63");
  });
  it("rejects malformed codes", () => {
    for (const v of ["41.1", "F4", "FF1.1", "F41.", "F41.12345", "F41-1"]) expect(normalizeIcd10(v), v).toBeNull();
  });
  it("parses a list, removing duplicates, and names the bad code", () => {
    expect(icd10ListField.parse("F41.1, f411 Z63.0")).toEqual(["F41.1", "Z63.0"]);
    expect(icd10ListField.parse("")).toEqual([]);
    const r = icd10ListField.safeParse("F41.1, 123");
    expect(r.success || r.error.issues[0].message).toMatch(/123/);
  });
});

describe("date of birth and email", () => {
  afterEach(() => clockForTests.reset());
  it("refuses a date in the future relative to the server clock", () => {
    clockForTests.set(new Date("2026-03-10T12:00:00Z"));
    expect(dobField.parse("2026-03-10")).toBe("2026-03-10");
    const r = dobField.safeParse("2026-03-11");
    expect(r.success || r.error.issues[0].message).toMatch(/future/);
    expect(dobField.safeParse("2026-02-30").success).toBe(false);
    expect(dobField.parse("")).toBeNull();
  });
  it("validates and lower-cases emails", () => {
    expect(emailField.parse(" Pat.Park@Example.com ")).toBe("pat.park@example.com");
    expect(emailField.safeParse("pat@").success).toBe(false);
  });
});
