import "server-only";
import { and, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, profileAccess, type ClientProfile } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import type { Principal } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";

/**
 * The profiles a principal may reach, as a where clause (CONVENTIONS rule 3, documenso's buildTeamWhereQuery):
 * admin → all; clinician → their own clients; client → profiles they hold an access row for.
 */
export function profileScope(p: Pick<Principal, "userId" | "role">): SQL {
  if (p.role === "admin") return sql`true`;
  if (p.role === "clinician") return eq(clientProfiles.clinicianId, p.userId);
  return and(
    isNull(clientProfiles.archivedAt),
    exists(
      db
        .select({ one: sql`1` })
        .from(profileAccess)
        .where(and(eq(profileAccess.profileId, clientProfiles.id), eq(profileAccess.userId, p.userId))),
    ),
  )!;
}

/** One profile the principal may reach, or NotFoundError: "not yours" and "does not exist" look the same. */
export async function findProfile(p: Pick<Principal, "userId" | "role">, profileId: string, on: DbOrTx = db): Promise<ClientProfile> {
  if (!isUuid(profileId)) throw new NotFoundError();
  const [row] = await on
    .select()
    .from(clientProfiles)
    .where(and(eq(clientProfiles.id, profileId), profileScope(p)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * For a client: the active profile, re-checked against profile_access on every request (PRODUCT.md "Profiles").
 * Throws NotFoundError when there is none or access was lost; callers send the user to the picker.
 */
export async function requireActiveProfile(p: Principal, on: DbOrTx = db): Promise<ClientProfile> {
  if (!p.activeProfileId) throw new NotFoundError("Choose a profile first.");
  return findProfile(p, p.activeProfileId, on);
}

// The one UUID check lives with the other validators; re-exported for the data layer's callers.
export { isUuid };
