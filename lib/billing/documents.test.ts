import { describe, expect, it } from "vitest";
import { buildStatement } from "./statement-build";
import { buildSuperbill, type SuperbillSource } from "./superbill-check";
import { allocatePaid } from "./money";

describe("statements", () => {
  it("opening balance comes from before the period; the period lists charges and payments in date order", () => {
    const st = buildStatement("2026-02-01", "2026-02-28", [
      { date: "2026-01-10", kind: "charge", description: "a", amountCents: 20_000 },
      { date: "2026-01-20", kind: "payment", description: "b", amountCents: 5_000 },
      { date: "2026-02-10", kind: "payment", description: "c", amountCents: 15_000 },
      { date: "2026-02-05", kind: "charge", description: "d", amountCents: 18_000 },
    ]);
    expect(st.openingBalanceCents).toBe(15_000);
    expect(st.entries.map((e) => e.description)).toEqual(["d", "c"]);
    expect(st.closingBalanceCents).toBe(15_000 + 18_000 - 15_000);
  });
});

const source = (
  over: Partial<SuperbillSource["profile"]> = {},
  clinician: Partial<SuperbillSource["services"][number]["clinician"]> = {},
): SuperbillSource => ({
  periodStart: "2026-06-01",
  periodEnd: "2026-06-30",
  profile: {
    legalName: "Pat Park",
    dateOfBirth: "1982-09-30",
    insuranceMemberId: "X1",
    diagnosisCodes: ["F41.1"],
    ...over,
  },
  practice: {
    name: "Riverbend",
    legalName: "Riverbend LLC",
    address: ["1 Main St"],
    phone: null,
    ein: "93-1234567",
    organizationNpi: null,
  },
  services: [
    {
      dateOfService: "2026-06-03",
      cptCode: "90837",
      modifiers: ["95"],
      placeOfService: "10",
      diagnosisCodes: [],
      units: 1,
      feeCents: 18_000,
      paidCents: 0,
      clinician: {
        name: "Ana Rivera",
        credentials: "LCSW",
        npi: "1245319599",
        licenseNumber: null,
        licenseState: null,
        ...clinician,
      },
    },
  ],
});

describe("superbill completeness", () => {
  it("a complete superbill has nothing missing and points services at the primary diagnosis", () => {
    const { content, missing } = buildSuperbill(source());
    expect(missing).toEqual([]);
    expect(content.lines[0].diagnosisPointers).toEqual(["A"]);
    expect(content.diagnoses).toEqual([{ pointer: "A", code: "F41.1" }]);
  });

  it("names each missing field", () => {
    expect(buildSuperbill(source({ diagnosisCodes: [] })).missing).toEqual(["diagnosis"]);
    expect(buildSuperbill(source({ dateOfBirth: null, insuranceMemberId: "" })).missing).toEqual([
      "date of birth",
      "member ID",
    ]);
    expect(buildSuperbill(source({}, { npi: null })).missing).toEqual(["NPI for Ana Rivera"]);
    const noEin = source();
    noEin.practice.ein = null;
    expect(buildSuperbill(noEin).missing).toEqual(["EIN (tax ID)"]);
    const empty = source();
    empty.services = [];
    expect(buildSuperbill(empty).missing).toEqual(["services in this period"]);
  });

  it("spreads an invoice's payments over its lines, first line first", () => {
    expect(allocatePaid([15_000, 18_000], 20_000)).toEqual([15_000, 5_000]);
    expect(allocatePaid([15_000], 0)).toEqual([0]);
  });
});
