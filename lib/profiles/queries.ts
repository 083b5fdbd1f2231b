import "server-only";
import { cache } from "react";
import { and, asc, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, profileAccess } from "@/db/schema";
import type { Principal } from "@/lib/core/principal";

export type ProfileChoice = {
  id: string;
  name: string;
  type: "individual" | "couple" | "minor";
  relationship: "self" | "partner" | "guardian";
};

/**
 * The profiles a portal user can manage (the picker and the switcher). Read once per server render (React `cache`,
 * docs/decisions.md "Per-request memoisation"): the portal layout and the home share it.
 */
export async function listMyProfiles(p: Pick<Principal, "userId">): Promise<ProfileChoice[]> {
  return myProfilesOfRequest(p.userId);
}

const myProfilesOfRequest = cache(async (userId: string): Promise<ProfileChoice[]> => {
  const rows = await db
    .select({
      id: clientProfiles.id,
      legalName: clientProfiles.legalName,
      preferredName: clientProfiles.preferredName,
      type: clientProfiles.type,
      relationship: profileAccess.relationship,
    })
    .from(profileAccess)
    .innerJoin(clientProfiles, eq(clientProfiles.id, profileAccess.profileId))
    .where(and(eq(profileAccess.userId, userId), isNull(clientProfiles.archivedAt)))
    .orderBy(asc(profileAccess.createdAt), asc(clientProfiles.legalName));
  return rows.map((r) => ({ id: r.id, name: r.legalName, type: r.type, relationship: r.relationship }));
});
