import { describe, expect, it } from "vitest";
import { clientBillingSchema, paymentSchema, serviceSchema, statementSchema } from "./schemas";

const profileId = "00000000-0000-4000-8000-000000000101";

describe("billing form schemas", () => {
  it("a service: fee typed in dollars becomes cents, modifiers are split and upper-cased", () => {
    const r = serviceSchema.parse({ profileId, dateOfService: "2026-04-01", cptCode: "90834", modifiers: "95, gt", placeOfService: "10", units: "1", fee: "150.50", diagnosisCodes: "F41.1" });
    expect(r).toMatchObject({ fee: 15_050, modifiers: ["95", "GT"], units: 1, diagnosisCodes: ["F41.1"] });
  });

  it("names the field that is wrong", () => {
    const r = serviceSchema.safeParse({ profileId, dateOfService: "", cptCode: "90834", modifiers: "959", placeOfService: "99", units: "0", fee: "abc" });
    expect(r.success).toBe(false);
    const fields = new Set(r.error!.issues.map((i) => i.path[0]));
    expect(fields).toEqual(new Set(["dateOfService", "modifiers", "placeOfService", "units", "fee"]));
  });

  it("a payment method is cash, cheque or an outside card terminal (card on file goes through payments)", () => {
    expect(paymentSchema.safeParse({ invoiceId: profileId, amount: "20", method: "card", receivedOn: "2026-04-02" }).success).toBe(false);
    expect(paymentSchema.parse({ invoiceId: profileId, amount: "20", method: "cheque", receivedOn: "2026-04-02", reference: "1042" }).amount).toBe(2_000);
  });

  it("a period ends on or after it starts", () => {
    const r = statementSchema.safeParse({ profileId, periodStart: "2026-03-01", periodEnd: "2026-02-01" });
    expect(r.error?.issues[0].path).toEqual(["periodEnd"]);
  });

  it("ICD-10 codes are checked and normalised", () => {
    expect(clientBillingSchema.parse({ profileId, diagnosisCodes: "f41.1, F32.1" }).diagnosisCodes).toEqual(["F41.1", "F32.1"]);
    expect(clientBillingSchema.safeParse({ profileId, diagnosisCodes: "anxiety" }).success).toBe(false);
  });
});
