import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, formTemplates, profileAccess, sessions, users, type User } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import type { Principal } from "@/lib/core/principal";

/**
 * The one set of principals and fixtures for integration tests and benches (no session is needed below the
 * action layer).
 */

/** Unique addresses so files never collide in the shared database. */
export const uniqueEmail = (tag: string) => `${tag}-${randomBytes(4).toString("hex")}@example.test`;

export async function userByEmail(email: string): Promise<User> {
  const [u] = await db.select().from(users).where(eq(users.email, email)).limit(1);
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

/** A new client with their own individual profile, treated by `clinicianEmail` (Ana by default). */
export async function makeClient(tag: string, clinicianEmail: string = DEMO.ana) {
  const clinician = await userByEmail(clinicianEmail);
  const email = uniqueEmail(tag);
  const [user] = await db
    .insert(users)
    .values({ email, name: `Test ${tag}`, role: "client" })
    .returning();
  const [profile] = await db
    .insert(clientProfiles)
    .values({ type: "individual", legalName: `Test ${tag}`, clinicianId: clinician.id })
    .returning();
  await db.insert(profileAccess).values({ profileId: profile.id, userId: user.id, relationship: "self" });
  return { user, profile, clinician };
}

/** A principal as lib/auth/sessions.ts would build it (sessionId = stored id). */
export async function principalFor(
  email: string,
  sessionId = "no-session",
  activeProfileId: string | null = null,
): Promise<TestPrincipal> {
  const u = await userByEmail(email);
  return { userId: u.id, email: u.email, name: u.name, role: u.role, sessionId, activeProfileId };
}

export async function sessionRow(storedId: string) {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, storedId)).limit(1);
  return s;
}

/**
 * A principal loaded from the database for a test. Its role is whatever the row says, and tests pass it to
 * functions of every role on purpose: the data layer re-checks roles at run time, and the tests prove that check.
 * So it is typed to fit every principal type (StaffPrincipal, ClientPrincipal, …).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type TestPrincipal = Omit<Principal, "role"> & { role: any };

/** The id of a seeded library form template (e.g. "phq9", "intake"). */
export async function libraryTemplateId(key: string): Promise<string> {
  const [t] = await db.select({ id: formTemplates.id }).from(formTemplates).where(eq(formTemplates.libraryKey, key));
  if (!t) throw new Error(`no library template ${key}`);
  return t.id;
}
