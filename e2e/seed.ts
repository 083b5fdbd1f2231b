// Seeds the browser specs' database: the demo practice (lib/demo/seed.ts) plus one cast per spec or test (e2e/cast.ts).
// playwright.config.ts runs it in the webServer command BEFORE the server starts, with the server's DATA_DIR:
// only one process may ever open a PGlite folder (two lose writes), so the test process cannot write to the
// server's database while it runs. Run with `tsx --conditions=react-server` so "server-only" modules load.
import { closeDb, db, dbKind } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/lib/demo/seed";
import { clientProfiles, formTemplates, profileAccess, totpCredentials, users } from "@/db/schema";
import { sealSecret } from "@/lib/core/crypto";
import { seedDemoActivity } from "@/lib/demo/activity";
import { sendForms } from "@/lib/forms/responses";
import { eq } from "drizzle-orm";
import {
  CAST_TAGS,
  CASTS_WITHOUT_SECOND_FACTOR,
  JOURNEY_TAGS,
  PEOPLE,
  PROFILES,
  cast,
  totpSecretFor,
  type PersonKey,
  type ProfileKey,
} from "./cast";

/** Three multi-row inserts (users, profiles, access) in one transaction: start-up time matters here. */
async function seedCasts() {
  const casts = CAST_TAGS.map(cast);
  await db.transaction(async (tx) => {
    const people = casts.flatMap((c) =>
      (Object.keys(PEOPLE) as PersonKey[]).map((k) => {
        const { credentials, npi, licenseNumber, licenseState } = PEOPLE[k];
        return { email: c[k].email, name: c[k].name, role: c[k].role, credentials, npi, licenseNumber, licenseState };
      }),
    );
    const rows = await tx.insert(users).values(people).returning({ id: users.id, email: users.email });
    const idOf = new Map(rows.map((r) => [r.email, r.id]));
    const profiles = casts.flatMap((c) =>
      (Object.keys(PROFILES) as ProfileKey[]).map((k) => {
        const { access: _access, clinician, ...p } = PROFILES[k];
        return { id: c.profiles[k], ...p, clinicianId: idOf.get(c[clinician].email)! };
      }),
    );
    await tx.insert(clientProfiles).values(profiles);
    const access = casts.flatMap((c) =>
      (Object.keys(PROFILES) as ProfileKey[]).flatMap((k) =>
        PROFILES[k].access.map((a) => ({
          profileId: c.profiles[k],
          userId: idOf.get(c[a.person].email)!,
          relationship: a.relationship,
        })),
      ),
    );
    await tx.insert(profileAccess).values(access);
    // Staff have an authenticator app already set up (a secret the fixture knows), except in the casts whose specs
    // enrol through the pages.
    const staff = casts
      .filter((c) => !CASTS_WITHOUT_SECOND_FACTOR.includes(c.tag))
      .flatMap((c) =>
        (Object.keys(PEOPLE) as PersonKey[]).filter((k) => c[k].role !== "client").map((k) => c[k].email),
      );
    await tx.insert(totpCredentials).values(
      staff.map((email) => {
        const userId = idOf.get(email)!;
        return { userId, secretSealed: sealSecret(totpSecretFor(email), userId), confirmedAt: new Date() };
      }),
    );
  });
}

async function sendSecondGad7(c: ReturnType<typeof cast>) {
  const [ana] = await db.select().from(users).where(eq(users.email, c.ana.email));
  const [gad7] = await db.select().from(formTemplates).where(eq(formTemplates.libraryKey, "gad7"));
  const principal = {
    userId: ana.id,
    email: ana.email,
    name: ana.name,
    role: "clinician" as const,
    sessionId: "e2e-seed",
    activeProfileId: null,
  };
  await sendForms(principal, { profileId: c.profiles.pat, templateIds: [gad7.id] });
}

(async () => {
  const started = Date.now();
  await runMigrations();
  await seedDemo();
  await seedCasts();
  // The journeys walk a practice at work: their casts get the demo's three months of forms, documents and billing.
  // The demo practice itself and every other cast stay bare, so the other specs see what they always saw.
  for (const tag of JOURNEY_TAGS) {
    const c = cast(tag);
    await seedDemoActivity({
      emails: {
        ana: c.ana.email,
        sam: c.sam.email,
        jordan: c.jordan.email,
        casey: c.casey.email,
        pat: c.pat.email,
        alex: c.alex.email,
      },
      profiles: c.profiles,
    });
  }
  // The client journey fills in a pending form at each of its two widths: Pat gets a second GAD-7 to complete.
  await sendSecondGad7(cast("journeys"));
  console.log(
    `e2e fixtures seeded: the demo practice and ${CAST_TAGS.length} casts (${dbKind()}, ${Date.now() - started} ms)`,
  );
  await closeDb();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
