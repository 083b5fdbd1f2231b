import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS } from "./action-list";
import { AUDIT_DESCRIBERS, describeAudit, possessive, type AuditFacts } from "./describe";

const facts = (over: Partial<AuditFacts> = {}): AuditFacts => ({
  actor: "Ana Rivera",
  client: "Jordan Lee",
  person: "Sam Chen",
  invoice: "INV-0002",
  card: "Visa •••• 4242",
  amount: "$90.00",
  form: "PHQ-9",
  subject: "j•••@example.com",
  detail: { changed: ["legalName", "organizationNpi"], score: 11, lines: 2, method: "check" },
  ...over,
});
const bare: AuditFacts = {
  actor: "Someone",
  client: null,
  person: null,
  invoice: null,
  card: null,
  amount: null,
  form: null,
  subject: null,
  detail: null,
};

describe("audit log sentences", () => {
  it("has a sentence for every action on the closed list, and nothing else", () => {
    expect(Object.keys(AUDIT_DESCRIBERS).sort()).toEqual([...AUDIT_ACTIONS].sort());
  });

  it("says how a person signed in", () => {
    const signIn = (method: string) => describeAudit("auth.sign_in", facts({ detail: { method } }));
    expect(signIn("passkey")).toBe("Ana Rivera signed in with a passkey");
    expect(signIn("pin")).toBe("Ana Rivera signed in with a PIN code");
    expect(signIn("link")).toBe("Ana Rivera signed in with an emailed link");
  });

  it.each(AUDIT_ACTIONS)("%s reads as plain words, with and without names", (action) => {
    for (const f of [facts(), bare]) {
      // The masked address is the one place a dot belongs ("example.com").
      const s = describeAudit(action, f).replace("j•••@example.com", "X");
      expect(s.length).toBeGreaterThan(8);
      // No codes ("payment.succeeded", "no_pin"), no JSON, no ids, no doubled or dangling spaces.
      expect(s).not.toMatch(/[a-z]\.[a-z]|_|[{}[\]]|undefined|null|\s{2}|^\s|\s$/);
      expect(s).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/);
      expect(s[0]).toBe(s[0].toUpperCase());
    }
  });

  it("names the payer, the invoice and the card of a payment", () => {
    expect(describeAudit("payment.succeeded", facts({ actor: "Pat Park", amount: null }))).toBe(
      "Pat Park paid invoice INV-0002 with Visa •••• 4242",
    );
    expect(describeAudit("forms.list", facts())).toBe("Ana Rivera viewed Jordan Lee's forms");
    expect(describeAudit("settings.update", facts({ actor: "Riverbend Admin" }))).toBe(
      "Riverbend Admin updated the practice settings (legal name, organization NPI)",
    );
    expect(describeAudit("billing.payment_recorded", facts())).toBe(
      "Ana Rivera recorded a check payment on invoice INV-0002 for Jordan Lee ($90.00)",
    );
  });

  it("makes possessives of names ending in s", () => {
    expect(possessive("Chris")).toBe("Chris'");
    expect(possessive("Jordan Lee")).toBe("Jordan Lee's");
    expect(possessive(null)).toBe("a client's");
  });

  it("still reads an action that is no longer on the list", () => {
    expect(describeAudit("billing.old_thing", facts())).toBe("Ana Rivera: billing old thing (Jordan Lee)");
  });
});
