import { describe, expect, it } from "vitest";
import {
  MAX_CENTS,
  dateField,
  dateOfBirthError,
  dobField,
  dollarsField,
  einField,
  emailField,
  hasControlChars,
  icd10ListField,
  isRealDate,
  isUuid,
  isValidNpi,
  luhnValid,
  memberIdField,
  normalizeEin,
  normalizeIcd10,
  npiField,
  optionalDateField,
  optionalText,
  textField,
  uuidField,
  zodFieldErrors,
} from "@/lib/core/validation";
import { z } from "zod";

const msg = (r: { success: boolean; error?: z.ZodError }) => (r.success ? "ok" : r.error!.issues[0].message);

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
    for (const v of ["93-123456", "9312345678", "AB-1234567", "931-234567", "00-1234567"])
      expect(normalizeEin(v), v).toBeNull();
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
  it("takes a real day after 1900 as a date of birth, or blank", () => {
    expect(dobField.parse("2026-03-10")).toBe("2026-03-10");
    expect(dobField.safeParse("2026-02-30").success).toBe(false);
    expect(dobField.safeParse("1899-12-31").success).toBe(false);
    expect(dobField.parse("")).toBeNull();
  });
  it("refuses a date of birth after the practice's today, and accepts today itself", () => {
    expect(dateOfBirthError("2026-03-10", "2026-03-10")).toBeNull();
    expect(dateOfBirthError("2026-03-11", "2026-03-10")).toMatch(/cannot be in the future/);
    expect(dateOfBirthError("1990-04-12", "2026-03-10")).toBeNull();
    expect(dateOfBirthError(null, "2026-03-10")).toBeNull();
  });
  it("validates and lower-cases emails", () => {
    expect(emailField.parse(" Pat.Park@Example.com ")).toBe("pat.park@example.com");
    expect(emailField.safeParse("pat@").success).toBe(false);
  });
});

describe("calendar dates", () => {
  it("accepts real days, leap days only in leap years", () => {
    for (const d of ["2026-01-31", "2024-02-29", "2000-02-29", "1900-01-01", "2100-12-31"])
      expect(isRealDate(d), d).toBe(true);
  });
  it("refuses roll-over dates, other formats, other types and years out of range", () => {
    for (const d of [
      "2026-02-30",
      "2025-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-13-01",
      "2026-00-10",
      "2026-1-5",
      "26-01-05",
      "2026-01-05T00:00:00Z",
      " 2026-01-05",
      "1899-12-31",
      "2101-01-01",
      "+02026-01-01",
    ]) {
      expect(isRealDate(d), d).toBe(false);
    }
    for (const v of [20260105, null, undefined, ["2026-01-05"], {}]) expect(isRealDate(v)).toBe(false);
  });
  it("says so at the field", () => {
    expect(msg(dateField("the date of service").safeParse("2026-02-30"))).toMatch(/real calendar date/);
    expect(msg(dateField("the date of service").safeParse("March 3"))).toBe("Enter the date of service as YYYY-MM-DD.");
    expect(msg(dateField("the date of service").safeParse(""))).toBe("Enter the date of service.");
    expect(msg(dateField("the date of service").safeParse(42))).toBe("Enter the date of service.");
    expect(dateField().parse(" 2026-03-02 ")).toBe("2026-03-02");
    expect(optionalDateField().parse("")).toBeUndefined();
    expect(msg(optionalDateField().safeParse("2026-02-30"))).toMatch(/real calendar date/);
  });
});

describe("ICD-10 lists take the same format from the profile and the billing forms", () => {
  it("accepts strings and arrays, upper-cases and caps the count", () => {
    expect(icd10ListField.parse(["f41.1", "Z630"])).toEqual(["F41.1", "Z63.0"]);
    expect(icd10ListField.parse(undefined)).toEqual([]);
    expect(icd10ListField.parse("U07.1")).toEqual(["U07.1"]);
    const many = Array.from({ length: 13 }, (_, i) => `F${String(10 + i)}`).join(",");
    expect(msg(icd10ListField.safeParse(many))).toBe("At most 12 diagnosis codes.");
    expect(msg(icd10ListField.safeParse(42))).toMatch(/ICD-10/);
  });
  it("never echoes arbitrary text into the message", () => {
    expect(msg(icd10ListField.safeParse("<script>"))).toBe("Not an ICD-10 code: … (format like F41.1).");
  });
});

describe("insurance member IDs", () => {
  it("keeps letters, digits, dashes and spaces, upper-cased; blank is null", () => {
    expect(memberIdField.parse(" abc-123 45 ")).toBe("ABC-123 45");
    expect(memberIdField.parse("")).toBeNull();
    expect(msg(memberIdField.safeParse("AB_12"))).toMatch(/letters, digits/);
    expect(msg(memberIdField.safeParse("A".repeat(41)))).toMatch(/too long/);
    expect(msg(memberIdField.safeParse(12345))).toMatch(/member ID/);
  });
});

describe("money", () => {
  const fee = dollarsField("fee");
  const amount = dollarsField("amount", { minCents: 1 });
  it("parses dollars to exact cents", () => {
    expect(fee.parse("150")).toBe(15000);
    expect(fee.parse("$1,200.5")).toBe(120050);
    expect(fee.parse("0.07")).toBe(7);
    expect(fee.parse("0")).toBe(0);
  });
  it("refuses negative, NaN, over-precise, too-large and non-string amounts", () => {
    for (const v of ["-5", "NaN", "Infinity", "1e3", "1.005", "12abc", "..", "1.2.3"])
      expect(msg(fee.safeParse(v)), v).toMatch(/in dollars/);
    expect(msg(fee.safeParse(String(MAX_CENTS / 100 + 1)))).toMatch(/too large/);
    expect(fee.parse(String(MAX_CENTS / 100))).toBe(MAX_CENTS);
    expect(msg(amount.safeParse("0"))).toBe("Enter an amount greater than zero.");
    expect(msg(fee.safeParse(-5))).toBe("Enter the fee.");
    expect(msg(fee.safeParse(Number.NaN))).toBe("Enter the fee.");
  });
});

describe("text", () => {
  it("refuses NUL and control characters; line breaks only where multiline", () => {
    const name = textField(200, "The name", { required: "Enter the name." });
    expect(msg(name.safeParse("Ann\u0000"))).toBe("The name must be one line of plain text.");
    expect(msg(name.safeParse("Ann\nLee"))).toBe("The name must be one line of plain text.");
    expect(msg(name.safeParse("   "))).toBe("Enter the name.");
    expect(msg(name.safeParse(["Ann"]))).toBe("Enter the name.");
    expect(msg(name.safeParse("x".repeat(201)))).toMatch(/at most 200/);
    expect(name.parse("  Ann Lee ")).toBe("Ann Lee");
    const address = optionalText(500, "The address", { multiline: true });
    expect(address.parse("1 Main St\nPortland")).toBe("1 Main St\nPortland");
    expect(msg(address.safeParse("1 Main\u0007"))).toMatch(/cannot be saved/);
    expect(address.parse("")).toBeNull();
    expect(hasControlChars("tab\there", { multiline: true })).toBe(false);
    expect(hasControlChars("\u001b[31m")).toBe(true);
  });
});

describe("UUIDs, Luhn and field errors", () => {
  it("checks ids in the form PostgreSQL reads", () => {
    expect(isUuid("00000000-0000-4000-8000-000000000101")).toBe(true);
    expect(isUuid("00000000-0000-4000-8000-00000000010")).toBe(false);
    expect(isUuid("'; drop table users; --")).toBe(false);
    expect(msg(uuidField().safeParse({}))).toBe("Not found.");
    expect(msg(uuidField("Choose a clinician.").safeParse("nope"))).toBe("Choose a clinician.");
  });
  it("Luhn: valid card numbers pass, one wrong digit fails", () => {
    expect(luhnValid("4242424242424242")).toBe(true);
    expect(luhnValid("4242424242424241")).toBe(false);
    expect(luhnValid("4242 4242")).toBe(false);
  });
  it("keys field errors by dotted path, _form for the whole form", () => {
    const s = z.object({ users: z.array(z.object({ email: emailField })) });
    const r = s.safeParse({ users: [{ email: "bad" }] });
    expect(r.success).toBe(false);
    expect(zodFieldErrors(r.error!)).toEqual({
      "users.0.email": ["Enter a valid email address, like name@example.com."],
    });
    const whole = z
      .object({})
      .refine(() => false, "whole")
      .safeParse({});
    expect(zodFieldErrors(whole.error!)).toEqual({ _form: ["whole"] });
  });
});
