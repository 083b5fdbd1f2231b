import "server-only";
import { cache } from "react";
import { and, eq, exists, isNull, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, profileAccess, type ClientProfile } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import type { Principal } from "@/lib/core/principal";
import { isUuid } from "@/lib/core/validation";
import { findMyProfile } from "./queries";

/**
 * The profiles a principal may reach, as a where clause (docs/decisions.md, Code conventions: Data-layer authorisation):
 * admin → all; clinician → their own clients; client → profiles they hold an access row for.
 */
function profileScope(p: Pick<Principal, "userId" | "role">): SQL {
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

/**
 * The principal's scope AND the caller's conditions, as one where clause. The scope itself is not exported: a
 * caller can only add conditions to it (they are always ANDed), never replace it, OR it away or forget it.
 */
export function inProfileScope(p: Pick<Principal, "userId" | "role">, ...conds: (SQL | undefined)[]): SQL {
  return and(profileScope(p), ...conds)!;
}

/**
 * One profile the principal may reach, or NotFoundError: "not yours" and "does not exist" look the same.
 * Outside a transaction it is read once per server render for one person and profile (React `cache`,
 * docs/decisions.md "Per-request memoisation"): the layout, the page and its parts ask again for free. For a client
 * it comes from their own profiles list (`findMyProfile`), which the portal reads anyway.
 */
export async function findProfile(
  p: Pick<Principal, "userId" | "role">,
  profileId: string,
  on: DbOrTx = db,
): Promise<ClientProfile> {
  if (on !== db) return readProfile(p, profileId, on);
  // A client's reach is their own profiles list, read once per render for the portal's header anyway.
  if (p.role === "client") return findMyProfile(p, profileId);
  return profileOfRequest(p.userId, p.role, profileId);
}

const profileOfRequest = cache((userId: string, role: Principal["role"], profileId: string) =>
  readProfile({ userId, role }, profileId, db),
);

async function readProfile(
  p: Pick<Principal, "userId" | "role">,
  profileId: string,
  on: DbOrTx,
): Promise<ClientProfile> {
  if (!isUuid(profileId)) throw new NotFoundError();
  const [row] = await on
    .select()
    .from(clientProfiles)
    .where(inProfileScope(p, eq(clientProfiles.id, profileId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * For a client: the active profile, re-checked against profile_access on every request (docs/product.md, Profiles).
 * Throws NotFoundError when there is none or access was lost; callers send the user to the picker.
 */
export async function requireActiveProfile(p: Principal, on: DbOrTx = db): Promise<ClientProfile> {
  if (!p.activeProfileId) throw new NotFoundError("Choose a profile first.");
  return findProfile(p, p.activeProfileId, on);
}
