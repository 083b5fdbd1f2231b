import "server-only";
import { and, eq, ne, notExists, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, profileAccess, users } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { MANAGED_BY_ADMIN } from "./schemas";
import { ForbiddenError } from "@/lib/core/errors";
import { isAdmin, type Principal } from "@/lib/core/principal";

/**
 * Credentials follow the person, not one clinician's list (docs/decisions.md "Who manages a login"). A login
 * (one email, one user) may reach profiles of several clinicians; a welcome link, a PIN, revoke or restore acts
 * on the whole login, so a staff member may do them only when they can see EVERY profile that login reaches:
 * the admin always; a clinician only when every profile of that user, active or archived, is theirs. Otherwise
 * a clinician could type another clinician's client's address into a new profile of their own and sign in as
 * that person with a PIN.
 */

// Aliased so the check can sit inside queries that already join profile_access and client_profiles.
const otherAccess = alias(profileAccess, "lc_other_access");
const otherProfile = alias(clientProfiles, "lc_other_profile");

/**
 * A where-clause fragment: true when `p` may manage the credentials of the login whose id is `userId` (a
 * column of the outer query, e.g. users.id, or a value). Admin → all; clinician → no access row of that user
 * points at a profile with another clinician (archived profiles count: restoring one must not hand its client
 * to someone else's credentials); anyone else → none.
 */
export function loginControlledBy(p: Pick<Principal, "userId" | "role">, userId: AnyColumn | SQL | string): SQL {
  if (isAdmin(p)) return sql`true`;
  if (p.role !== "clinician") return sql`false`;
  return notExists(
    db
      .select({ one: sql`1` })
      .from(otherAccess)
      .innerJoin(otherProfile, eq(otherProfile.id, otherAccess.profileId))
      .where(and(eq(otherAccess.userId, userId), ne(otherProfile.clinicianId, p.userId))),
  );
}

/** Whether `p` may manage the login `userId` (a client login only: staff accounts are managed in /admin). */
export async function canManageLogin(
  p: Pick<Principal, "userId" | "role">,
  userId: string,
  on: DbOrTx = db,
): Promise<boolean> {
  const [row] = await on
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "client"), loginControlledBy(p, users.id)))
    .limit(1);
  return Boolean(row);
}

export type CredentialOp = "welcome" | "pin" | "revoke" | "restore";

/**
 * Refuses a credential action on a login the actor does not fully control. Callers have already checked the
 * profile is in the actor's scope and the user holds access to it (else 404), so this Forbidden tells the actor
 * only what the Portal access panel already says, in the same words, and nothing about the other profiles.
 * The refusal is audited so the admin can see attempts on logins shared across clinicians. Call it before
 * opening the write transaction (PGlite has one connection: an audit write beside an open transaction waits).
 */
export async function assertCanManageLogin(
  actor: Principal,
  profileId: string,
  userId: string,
  op: CredentialOp,
): Promise<void> {
  if (await canManageLogin(actor, userId)) return;
  await audit({
    action: "auth.credential_refused",
    actor,
    profileId,
    targetType: "user",
    targetId: userId,
    detail: { op },
  });
  throw new ForbiddenError(MANAGED_BY_ADMIN);
}
