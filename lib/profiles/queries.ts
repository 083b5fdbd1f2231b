import "server-only";
import { cache } from "react";
import { and, asc, eq, isNull, type AnyColumn, type SQL } from "drizzle-orm";
import { runPrepared, textPlaceholder } from "@/db/prepared";
import { clientProfiles, profileAccess, type ClientProfile } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { clientUnreadInProfile } from "./unread";
import type { Principal } from "@/lib/core/principal";

export type ProfileChoice = {
  id: string;
  name: string;
  type: "individual" | "couple" | "minor";
  relationship: "self" | "partner" | "guardian";
  /** The practice's messages in this profile the user has not read (lib/profiles/unread.ts). */
  unread: number;
};

/**
 * The profiles a portal user can manage (the picker and the switcher). Read once per server render (React `cache`,
 * docs/decisions.md "Per-request memoisation"): the portal layout, the page's active-profile check and the home
 * share it.
 */
export async function listMyProfiles(p: Pick<Principal, "userId">): Promise<ProfileChoice[]> {
  return (await myProfilesOfRequest(p.userId)).map(({ profile, relationship, unread }) => ({
    id: profile.id,
    name: profile.legalName,
    type: profile.type,
    relationship,
    unread,
  }));
}

/**
 * One of the client's own profiles, from the same one read as `listMyProfiles` (docs/performance.md): its rows are
 * exactly the profiles a client may reach (an access row, not archived), the scope `findProfile` applies to a
 * client, so the portal's profile checks cost no statement of their own. Not among them: NotFoundError.
 */
export async function findMyProfile(p: Pick<Principal, "userId">, profileId: string): Promise<ClientProfile> {
  const mine = (await myProfilesOfRequest(p.userId)).find((r) => r.profile.id === profileId);
  if (!mine) throw new NotFoundError();
  return mine.profile;
}

/** One of the rows `listMyProfiles` is made of. */
export type OwnProfileRow = { profile: ClientProfile; relationship: ProfileChoice["relationship"]; unread: number };

/**
 * The columns of an own-profiles row, for a statement that joins profile_access to client_profiles for `userId`
 * (a placeholder or a column): this statement's, and the session check's, which carries a client's own profiles
 * in the statement it runs anyway (lib/auth/sessions.ts, docs/performance.md).
 */
export function ownProfileColumns(userId: string | AnyColumn | SQL) {
  return {
    profile: clientProfiles,
    relationship: profileAccess.relationship,
    unread: clientUnreadInProfile(userId, clientProfiles.id),
  };
}

/**
 * The scope of a user's own profiles, as the join of client_profiles to profile_access: the profile of an access
 * row, not archived (the scope `findProfile` applies to a client). Every statement that reads own profiles joins by
 * it and orders by `ownProfilesOrder`: this module's, and the session checks' (lib/auth/sessions.ts).
 */
export function ownProfileOn(): SQL {
  return and(eq(clientProfiles.id, profileAccess.profileId), isNull(clientProfiles.archivedAt))!;
}

/** The order of a user's own profiles (the picker's): the oldest access first, then by name. */
export function ownProfilesOrder(): SQL[] {
  return [asc(profileAccess.createdAt), asc(clientProfiles.legalName)];
}

/**
 * The own-profiles rows this render's session check already read (lib/auth/auth.ts `sessionOfRequest`), held for
 * the rest of the render (React `cache`: one holder per server render; a server action or route handler gets a
 * fresh, empty one on every call and reads its own). Only rows of the same user are ever taken from it.
 */
const heldOfRequest = cache((): { userId: string | null; rows: OwnProfileRow[] | null } => ({
  userId: null,
  rows: null,
}));

/** Called by the session check of a render with the signed-in client's own profiles, read in its statement. */
export function holdOwnProfiles(userId: string, rows: OwnProfileRow[]) {
  const held = heldOfRequest();
  held.userId = userId;
  held.rows = rows;
}

// Every portal page reads it: from the session check's statement when this render made one for this user, else
// a statement built once (db/prepared.ts), the user's id its one value.
const myProfilesOfRequest = cache(async (userId: string): Promise<OwnProfileRow[]> => {
  const held = heldOfRequest();
  if (held.userId === userId && held.rows) return held.rows;
  return runPrepared(
    "profiles.mine",
    (d) => {
      const user = textPlaceholder("userId");
      return d
        .select(ownProfileColumns(user))
        .from(profileAccess)
        .innerJoin(clientProfiles, ownProfileOn())
        .where(eq(profileAccess.userId, user))
        .orderBy(...ownProfilesOrder())
        .prepare("profiles_mine");
    },
    { userId },
  );
});
