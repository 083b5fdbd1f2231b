import { createHash } from "node:crypto";
/**
 * The browser specs' fixture data, declared once: read by e2e/seed.ts (which writes it into a fresh embedded
 * database before the server starts) and by the specs and e2e/fixtures.ts (which use its addresses and ids).
 *
 * Each spec — or each test, where two tests of a file would otherwise share people — gets its own "cast": a
 * copy of the demo practice's people (lib/demo/seed.ts; docs/product.md, Demo practice) with its own addresses and
 * profile ids. Specs therefore never see each other's invoices, forms, cards, links, PINs or sessions (a
 * session's active profile is server-side), so they can run in parallel and alone. Client names stay the demo
 * names (the specs read them on pages and in PDFs); staff names carry the cast's tag so that a choice "by name"
 * (reassigning a client to Sam Chen) is never ambiguous between casts. docs/decisions.md "Browser specs".
 *
 * Plain data only: this module is imported by the Playwright process and by the seeding script alike.
 */

export type Role = "admin" | "clinician" | "client";
export type Person = { email: string; name: string; role: Role };
export type ProfileKey = "jordan" | "jordanCasey" | "pat" | "mia" | "alex";
export type PersonKey = "admin" | "ana" | "sam" | "jordan" | "casey" | "pat" | "alex";

/** One tag per cast. A tag is never a prefix of another plus "@", so `.<tag>@` finds exactly one cast's people. */
export const CAST_TAGS = [
  "foundation",
  "signin-landing",
  "signin-unknown",
  "signin-picker",
  "signin-supersede",
  "signin-scanner",
  "signin-origin",
  "signin-pin",
  "signin-revoke",
  "signin-welcome",
  "signin-clinician-404",
  "signin-forged-profile",
  "signin-admin",
  "signin-idle",
  "signin-nojs",
  "admin-settings",
  "admin-emails",
  "admin-logo",
  "admin-staff",
  "billing-invoice",
  "billing-couple",
  "billing-superbill",
  "billing-fees",
  "clients-minor",
  "clients-new",
  "clients-archive",
  "isolation-clinician",
  "isolation-admin",
  "documents-share",
  "documents-upload",
  "documents-refused",
  "documents-limits",
  "files-name-remove",
  "files-preview-todo",
  "files-withdrawn",
  "forms-journey",
  "forms-outsider",
  "forms-keyboard",
  "forms-builder",
  "forms-two-tab",
  "forms-safety",
  "forms-remind",
  "payments-invoice",
  "payments-add-card",
  "payments-decline",
  "payments-pay",
  "payments-charge",
  "money-partial",
  "money-guardian",
  "audit-coverage",
  "search-clients",
  "search-admin",
  "portal-takeover",
  "one-clock",

  "portal-home-pat",
  "portal-home-visits",
  "portal-home-jordan",
  "portal-switcher",
  "portal-card",
  "portal-touch",

  "polish-nav",
  "polish-admin",
  "polish-staff",
  "polish-audit",
  "polish-confirm",
  "polish-nojs",

  "mfa-enrol",
  "mfa-passkey",
  "mfa-recovery",

  "records-backup",
  "https-sign-in",
  "messaging",
  "messaging-files",
  "messaging-nojs",

  // The journeys (e2e/journey-*.spec.ts): this cast also gets the demo practice's three months of work
  // (lib/demo/activity.ts, seeded by e2e/seed.ts) and keeps the demo's staff names for the screenshots. The three
  // journey specs share it (seeding is slow on a busy machine) but never one person: the client journey is Pat,
  // the clinician's Ana, the admin's the admin, so no session or active profile is shared.
  "journeys",

  "appointments-series",
  "appointments-request",
  "appointments-cancel",
  "records-export",
  "records-export-portal",
  "messaging-nojs-attach",
  "keyset-pages",
  "messaging-drafts",
] as const;
export type CastTag = (typeof CAST_TAGS)[number];

/** The casts seeded with the demo's activity as well as its people. */
export const JOURNEY_TAGS = ["journeys"] as const satisfies readonly CastTag[];

/** The demo practice's people (lib/demo/seed.ts), as a cast copies them. */
export const PEOPLE: Record<
  PersonKey,
  {
    local: string;
    domain: string;
    name: string;
    role: Role;
    credentials?: string;
    npi?: string;
    licenseNumber?: string;
    licenseState?: string;
  }
> = {
  admin: { local: "admin", domain: "riverbend.example", name: "Riverbend Admin", role: "admin" },
  ana: {
    local: "ana.rivera",
    domain: "riverbend.example",
    name: "Ana Rivera",
    role: "clinician",
    credentials: "LCSW",
    npi: "1245319599",
    licenseNumber: "LCSW-48211",
    licenseState: "OR",
  },
  sam: {
    local: "sam.chen",
    domain: "riverbend.example",
    name: "Sam Chen",
    role: "clinician",
    credentials: "PsyD",
    npi: "1679576722",
    licenseNumber: "PSY-30117",
    licenseState: "OR",
  },
  jordan: { local: "jordan.lee", domain: "example.com", name: "Jordan Lee", role: "client" },
  casey: { local: "casey.lee", domain: "example.com", name: "Casey Lee", role: "client" },
  pat: { local: "pat.park", domain: "example.com", name: "Pat Park", role: "client" },
  alex: { local: "alex.kim", domain: "example.com", name: "Alex Kim", role: "client" },
};

/** The demo profiles (lib/demo/seed.ts), with who treats them and who reaches them. */
export const PROFILES: Record<
  ProfileKey,
  {
    type: "individual" | "couple" | "minor";
    legalName: string;
    dateOfBirth?: string;
    clinician: "ana" | "sam";
    insuranceMemberId?: string;
    diagnosisCodes: string[];
    access: { person: PersonKey; relationship: "self" | "partner" | "guardian" }[];
  }
> = {
  jordan: {
    type: "individual",
    legalName: "Jordan Lee",
    dateOfBirth: "1990-04-12",
    clinician: "ana",
    insuranceMemberId: "RBX100200301",
    diagnosisCodes: ["F41.1"],
    access: [{ person: "jordan", relationship: "self" }],
  },
  jordanCasey: {
    type: "couple",
    legalName: "Jordan & Casey Lee",
    clinician: "ana",
    diagnosisCodes: [],
    access: [
      { person: "jordan", relationship: "partner" },
      { person: "casey", relationship: "partner" },
    ],
  },
  pat: {
    type: "individual",
    legalName: "Pat Park",
    dateOfBirth: "1982-09-30",
    clinician: "ana",
    diagnosisCodes: [],
    access: [{ person: "pat", relationship: "self" }],
  },
  mia: {
    type: "minor",
    legalName: "Mia Park",
    dateOfBirth: "2014-06-05",
    clinician: "ana",
    diagnosisCodes: [],
    access: [{ person: "pat", relationship: "guardian" }],
  },
  alex: {
    type: "individual",
    legalName: "Alex Kim",
    dateOfBirth: "1995-01-20",
    clinician: "sam",
    diagnosisCodes: ["F32.1"],
    access: [{ person: "alex", relationship: "self" }],
  },
};

const PROFILE_ORDER: ProfileKey[] = ["jordan", "jordanCasey", "pat", "mia", "alex"];

export type Cast = { tag: CastTag; profiles: Record<ProfileKey, string> } & Record<PersonKey, Person>;

/** A cast's people and profile ids; the same answer in the seeding script and in the specs. */
export function cast(tag: CastTag): Cast {
  const n = CAST_TAGS.indexOf(tag);
  if (n < 0) throw new Error(`unknown cast ${tag}`);
  const people = Object.fromEntries(
    (Object.keys(PEOPLE) as PersonKey[]).map((k) => {
      const p = PEOPLE[k];
      // Staff names carry the tag (see above); clients keep the demo names the specs read.
      const journey = (JOURNEY_TAGS as readonly string[]).includes(tag);
      const name = p.role === "client" || journey ? p.name : `${p.name} ${tag}`;
      return [k, { email: `${p.local}.${tag}@${p.domain}`, name, role: p.role }];
    }),
  ) as Record<PersonKey, Person>;
  // Version-4-shaped ids, distinct from the demo's 00000000-…-0000000001xx.
  const profiles = Object.fromEntries(
    PROFILE_ORDER.map((k, i) => [
      k,
      `00000e2e-0000-4000-8000-${((n + 1) * 16 + i + 1).toString(16).padStart(12, "0")}`,
    ]),
  ) as Record<ProfileKey, string>;
  return { tag, profiles, ...people };
}

/** Where a person lands after signing in (docs/product.md, Sign-in rule 9). */
export function homeOf(person: Person): string {
  return person.role === "admin" ? "/admin" : person.role === "clinician" ? "/dashboard" : "/portal";
}

/**
 * Casts whose staff have no second factor seeded: their specs enrol through the pages (docs/decisions.md "Second
 * factor and passkeys"). Every other cast's staff have an authenticator-app secret known to the tests
 * (totpSecretFor), so signing in enters a computed code like a person with the app would.
 */
export const CASTS_WITHOUT_SECOND_FACTOR: readonly CastTag[] = ["mfa-enrol", "mfa-passkey"];

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** A fixed TOTP secret (base32, 160 bits) per test address: the seed stores it, the fixture computes codes from it. */
export function totpSecretFor(email: string): string {
  const bytes = createHash("sha256").update(`haven-e2e-totp:${email}`).digest().subarray(0, 20);
  let bits = 0;
  let value = 0;
  let out = "";
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}
