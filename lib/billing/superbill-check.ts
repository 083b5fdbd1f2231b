import { sumCents, type Cents } from "./money";
import { pointerLetter } from "./format";

/** Everything a superbill carries (docs/product.md, Billing), frozen into the superbill when generated. */
export type SuperbillContent = {
  periodStart: string;
  periodEnd: string;
  /** The day the "paid" column reflects: payments received up to it (older snapshots have none). */
  asOf?: string;
  client: { legalName: string; dateOfBirth: string | null; memberId: string | null };
  practice: {
    name: string;
    legalName: string | null;
    address: string[];
    phone: string | null;
    ein: string | null;
    organizationNpi: string | null;
  };
  providers: {
    name: string;
    credentials: string | null;
    npi: string | null;
    licenseNumber: string | null;
    licenseState: string | null;
  }[];
  diagnoses: { pointer: string; code: string }[];
  lines: {
    dateOfService: string;
    cptCode: string;
    modifiers: string[];
    placeOfService: string;
    diagnosisPointers: string[];
    units: number;
    feeCents: Cents;
    paidCents: Cents;
    provider: string;
  }[];
  totalCents: Cents;
  paidCents: Cents;
};

export type SuperbillSource = {
  periodStart: string;
  periodEnd: string;
  asOf?: string;
  profile: {
    legalName: string;
    dateOfBirth: string | null;
    insuranceMemberId: string | null;
    diagnosisCodes: string[];
  };
  practice: SuperbillContent["practice"];
  services: {
    dateOfService: string;
    cptCode: string;
    modifiers: string[];
    placeOfService: string;
    diagnosisCodes: string[];
    units: number;
    feeCents: Cents;
    paidCents: Cents;
    clinician: SuperbillContent["providers"][number];
  }[];
};

/**
 * Builds the superbill and names each missing field (a superbill that lacks a required field cannot be sent and says which: docs/product.md, Billing;
 * fields listed in docs/decisions.md, Billing: Superbill required fields). A service without its own diagnosis pointers points at the profile's primary diagnosis (A).
 */
export function buildSuperbill(src: SuperbillSource): { content: SuperbillContent; missing: string[] } {
  const codes = [...src.profile.diagnosisCodes];
  for (const s of src.services) for (const c of s.diagnosisCodes) if (!codes.includes(c)) codes.push(c);
  const diagnoses = codes.map((code, i) => ({ pointer: pointerLetter(i), code }));
  const pointerOf = (code: string) => diagnoses.find((d) => d.code === code)!.pointer;

  const providers: SuperbillContent["providers"] = [];
  for (const s of src.services) if (!providers.some((p) => p.name === s.clinician.name)) providers.push(s.clinician);

  const lines = src.services
    .map((s) => ({
      dateOfService: s.dateOfService,
      cptCode: s.cptCode,
      modifiers: s.modifiers,
      placeOfService: s.placeOfService,
      diagnosisPointers: s.diagnosisCodes.length ? s.diagnosisCodes.map(pointerOf) : codes.length ? ["A"] : [],
      units: s.units,
      feeCents: s.feeCents,
      paidCents: s.paidCents,
      provider: s.clinician.name,
    }))
    .sort((a, b) => (a.dateOfService < b.dateOfService ? -1 : a.dateOfService > b.dateOfService ? 1 : 0));

  const content: SuperbillContent = {
    periodStart: src.periodStart,
    periodEnd: src.periodEnd,
    ...(src.asOf ? { asOf: src.asOf } : {}),
    client: {
      legalName: src.profile.legalName,
      dateOfBirth: src.profile.dateOfBirth,
      memberId: src.profile.insuranceMemberId,
    },
    practice: src.practice,
    providers,
    diagnoses,
    lines,
    totalCents: sumCents(lines.map((l) => l.feeCents)),
    paidCents: sumCents(lines.map((l) => l.paidCents)),
  };
  return { content, missing: missingFields(content) };
}

/** Each required field that is empty, by the name staff know it (checked on generating and again on sending). */
export function missingFields(c: SuperbillContent): string[] {
  const missing: string[] = [];
  const need = (ok: unknown, name: string) => {
    if (!(typeof ok === "string" ? ok.trim() : ok) && !missing.includes(name)) missing.push(name);
  };
  need(c.client.legalName, "client legal name");
  need(c.client.dateOfBirth, "date of birth");
  need(c.client.memberId, "member ID");
  need(c.diagnoses.length > 0 && c.lines.every((l) => l.diagnosisPointers.length > 0), "diagnosis");
  need(c.practice.legalName ?? c.practice.name, "practice name");
  need(c.practice.address.length > 0, "practice address");
  need(c.practice.ein, "EIN (tax ID)");
  need(c.lines.length > 0, "services in this period");
  for (const p of c.providers) {
    need(p.npi, `NPI for ${p.name}`);
    need(p.credentials, `credentials for ${p.name}`);
  }
  return missing;
}

export function missingMessage(missing: string[]): string {
  return `This superbill can't be generated yet. Missing: ${missing.join(", ")}.`;
}
