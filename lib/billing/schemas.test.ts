import { describe, expect, it } from "vitest";
import { clientBillingSchema, manualLineSchema, paymentSchema, serviceSchema, statementSchema } from "./schemas";
import { clientProfileSchema } from "@/lib/profiles/schemas";

const profileId = "00000000-0000-4000-8000-000000000101";

describe("billing form schemas", () => {
  it("a service: fee typed in dollars becomes cents, modifiers are split and upper-cased", () => {
    const r = serviceSchema.parse({
      profileId,
      dateOfService: "2026-04-01",
      cptCode: "90834",
      modifiers: "95, gt",
      placeOfService: "10",
      units: "1",
      fee: "150.50",
      diagnosisCodes: "F41.1",
    });
    expect(r).toMatchObject({ fee: 15_050, modifiers: ["95", "GT"], units: 1, diagnosisCodes: ["F41.1"] });
  });

  it("names the field that is wrong", () => {
    const r = serviceSchema.safeParse({
      profileId,
      dateOfService: "",
      cptCode: "90834",
      modifiers: "959",
      placeOfService: "99",
      units: "0",
      fee: "abc",
    });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["dateOfService", "modifiers", "placeOfService", "units", "fee"]));
  });

  it("a payment method is cash, cheque or an outside card terminal (card on file goes through payments)", () => {
    expect(
      paymentSchema.safeParse({ invoiceId: profileId, amount: "20", method: "card", receivedOn: "2026-04-02" }).success,
    ).toBe(false);
    expect(
      paymentSchema.parse({
        invoiceId: profileId,
        amount: "20",
        method: "cheque",
        receivedOn: "2026-04-02",
        reference: "1042",
      }).amount,
    ).toBe(2_000);
  });

  it("a period ends on or after it starts", () => {
    const r = statementSchema.safeParse({ profileId, periodStart: "2026-03-01", periodEnd: "2026-02-01" });
    expect(r.error?.issues[0].path).toEqual(["periodEnd"]);
  });

  it("ICD-10 codes are checked and normalised", () => {
    expect(clientBillingSchema.parse({ profileId, diagnosisCodes: "f41.1, F32.1" }).diagnosisCodes).toEqual([
      "F41.1",
      "F32.1",
    ]);
    expect(clientBillingSchema.safeParse({ profileId, diagnosisCodes: "anxiety" }).success).toBe(false);
  });

  it("impossible dates are refused at the field (Date.parse would roll 2026-02-30 over to March 2)", () => {
    const base = { profileId, cptCode: "90834", placeOfService: "11", units: "1", fee: "150" };
    for (const d of ["2026-02-30", "2025-02-29", "2026-04-31", "99999-01-01"]) {
      const r = serviceSchema.safeParse({ ...base, dateOfService: d });
      expect(r.success, d).toBe(false);
      expect(r.error!.issues.map((i) => i.path[0])).toContain("dateOfService");
    }
    expect(
      paymentSchema.safeParse({ invoiceId: profileId, amount: "20", method: "cash", receivedOn: "2026-02-30" }).success,
    ).toBe(false);
    expect(statementSchema.safeParse({ profileId, periodStart: "2026-02-01", periodEnd: "2026-02-30" }).success).toBe(
      false,
    );
  });

  it("money: negative, NaN and huge amounts are refused; a payment is more than zero", () => {
    for (const fee of ["-5", "NaN", "1e9", "100000.01"])
      expect(
        manualLineSchema.safeParse({ invoiceId: profileId, description: "Late fee", units: "1", fee }).success,
        fee,
      ).toBe(false);
    expect(
      paymentSchema.safeParse({ invoiceId: profileId, amount: "0", method: "cash", receivedOn: "2026-04-02" }).success,
    ).toBe(false);
  });

  it("text with a NUL byte is refused, not sent to the database", () => {
    const r = manualLineSchema.safeParse({ invoiceId: profileId, description: "Late\u0000fee", units: "1", fee: "5" });
    expect(r.success).toBe(false);
  });

  it("the billing form and the profile form agree on ICD-10 codes and member IDs", () => {
    const typed = { diagnosisCodes: "f411, U07.1 z63.0", insuranceMemberId: " abc-123 " };
    const billing = clientBillingSchema.parse({ profileId, ...typed });
    const profile = clientProfileSchema.parse({
      type: "individual",
      legalName: "Ann Lee",
      dateOfBirth: "",
      phone: "",
      ...typed,
    });
    expect(billing.diagnosisCodes).toEqual(profile.diagnosisCodes);
    expect(billing.diagnosisCodes).toEqual(["F41.1", "U07.1", "Z63.0"]);
    expect(billing.insuranceMemberId).toBe(profile.insuranceMemberId);
    expect(billing.insuranceMemberId).toBe("ABC-123");
    for (const bad of ["AB_12", "A".repeat(41)]) {
      expect(clientBillingSchema.safeParse({ profileId, insuranceMemberId: bad }).success, bad).toBe(false);
      expect(
        clientProfileSchema.safeParse({
          type: "individual",
          legalName: "Ann",
          dateOfBirth: "",
          phone: "",
          diagnosisCodes: "",
          insuranceMemberId: bad,
        }).success,
        bad,
      ).toBe(false);
    }
  });
});
