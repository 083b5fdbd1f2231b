import "server-only";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, practiceSettings, profileAccess, users, type NewUser } from "@/db/schema";
import { seedServiceCodes } from "@/lib/billing/catalogue";
import { seedFormLibrary } from "@/lib/forms/templates";
import { seedDemoActivity } from "./activity";

/**
 * The demo practice, exactly as docs/product.md (Demo practice) names it. Idempotent: fixed ids and natural keys, so seeding
 * twice leaves one of everything. Other domains add their seeders to `seeders` below.
 */
export const DEMO = {
  admin: "admin@riverbend.example",
  ana: "ana.rivera@riverbend.example",
  sam: "sam.chen@riverbend.example",
  jordan: "jordan.lee@example.com",
  casey: "casey.lee@example.com",
  pat: "pat.park@example.com",
  alex: "alex.kim@example.com",
  profiles: {
    jordan: "00000000-0000-4000-8000-000000000101",
    jordanCasey: "00000000-0000-4000-8000-000000000102",
    pat: "00000000-0000-4000-8000-000000000103",
    mia: "00000000-0000-4000-8000-000000000104",
    alex: "00000000-0000-4000-8000-000000000105",
  },
} as const;

const staff: NewUser[] = [
  { email: DEMO.admin, name: "Riverbend Admin", role: "admin" },
  {
    email: DEMO.ana,
    name: "Ana Rivera",
    role: "clinician",
    credentials: "LCSW",
    npi: "1245319599",
    licenseNumber: "LCSW-48211",
    licenseState: "OR",
  },
  {
    email: DEMO.sam,
    name: "Sam Chen",
    role: "clinician",
    credentials: "PsyD",
    npi: "1679576722",
    licenseNumber: "PSY-30117",
    licenseState: "OR",
  },
];
const clients: NewUser[] = [
  { email: DEMO.jordan, name: "Jordan Lee", role: "client" },
  { email: DEMO.casey, name: "Casey Lee", role: "client" },
  { email: DEMO.pat, name: "Pat Park", role: "client" },
  { email: DEMO.alex, name: "Alex Kim", role: "client" },
];

type Seeder = (tx: DbOrTx, ids: { userId: (email: string) => string }) => Promise<void>;
/** Domain seeders (form library, service codes, …) run after the core, in the same transaction. */
export const seeders: Seeder[] = [];
seeders.push((tx) => seedServiceCodes(tx)); // billing: the service code catalogue with default fees
seeders.push((tx) => seedFormLibrary(tx));

export async function seedDemo(on = db): Promise<void> {
  await on.transaction(async (tx) => {
    await tx
      .insert(practiceSettings)
      .values({
        id: 1,
        name: "Riverbend Counseling",
        legalName: "Riverbend Counseling LLC",
        addressLine1: "410 River Street, Suite 200",
        city: "Portland",
        state: "OR",
        postalCode: "97201",
        phone: "(555) 010-2030",
        timeZone: "America/Los_Angeles",
        ein: "93-1234567",
        organizationNpi: "1003000126",
        uploadLimitMb: 25,
      })
      .onConflictDoNothing();

    for (const u of [...staff, ...clients]) {
      await tx.insert(users).values(u).onConflictDoNothing({ target: users.email });
    }
    const rows = await tx.select({ id: users.id, email: users.email }).from(users);
    const byEmail = new Map(rows.map((r) => [r.email, r.id]));
    const userId = (email: string) => {
      const id = byEmail.get(email);
      if (!id) throw new Error(`seed: no user ${email}`);
      return id;
    };

    const P = DEMO.profiles;
    const profiles = [
      {
        id: P.jordan,
        type: "individual" as const,
        legalName: "Jordan Lee",
        dateOfBirth: "1990-04-12",
        clinicianId: userId(DEMO.ana),
        insuranceMemberId: "RBX100200301",
        diagnosisCodes: ["F41.1"],
      },
      {
        id: P.jordanCasey,
        type: "couple" as const,
        legalName: "Jordan & Casey Lee",
        clinicianId: userId(DEMO.ana),
        diagnosisCodes: [],
      },
      {
        id: P.pat,
        type: "individual" as const,
        legalName: "Pat Park",
        dateOfBirth: "1982-09-30",
        clinicianId: userId(DEMO.ana),
        diagnosisCodes: [],
      },
      {
        id: P.mia,
        type: "minor" as const,
        legalName: "Mia Park",
        dateOfBirth: "2014-06-05",
        clinicianId: userId(DEMO.ana),
        diagnosisCodes: [],
      },
      {
        id: P.alex,
        type: "individual" as const,
        legalName: "Alex Kim",
        dateOfBirth: "1995-01-20",
        clinicianId: userId(DEMO.sam),
        diagnosisCodes: ["F32.1"],
      },
    ];
    for (const p of profiles)
      await tx.insert(clientProfiles).values(p).onConflictDoNothing({ target: clientProfiles.id });

    const access = [
      { profileId: P.jordan, userId: userId(DEMO.jordan), relationship: "self" as const },
      { profileId: P.jordanCasey, userId: userId(DEMO.jordan), relationship: "partner" as const },
      { profileId: P.jordanCasey, userId: userId(DEMO.casey), relationship: "partner" as const },
      { profileId: P.pat, userId: userId(DEMO.pat), relationship: "self" as const },
      { profileId: P.mia, userId: userId(DEMO.pat), relationship: "guardian" as const },
      { profileId: P.alex, userId: userId(DEMO.alex), relationship: "self" as const },
    ];
    for (const a of access) await tx.insert(profileAccess).values(a).onConflictDoNothing();

    for (const seeder of seeders) await seeder(tx, { userId });
  });
}

/**
 * The demo practice as a newcomer meets it (`npm run demo`, `npm run db:seed`): the people and profiles above, then
 * three months of their work (lib/demo/activity.ts). Integration tests and most browser specs call `seedDemo` alone,
 * so what they count is not changed by the story (docs/decisions.md "Demo seed and journeys"). Idempotent.
 */
export async function seedDemoPractice(): Promise<void> {
  await seedDemo();
  await seedDemoActivity({
    emails: { ana: DEMO.ana, sam: DEMO.sam, jordan: DEMO.jordan, casey: DEMO.casey, pat: DEMO.pat, alex: DEMO.alex },
    profiles: DEMO.profiles,
  });
}
