import "server-only";
import { and, asc, eq, exists, ilike, inArray, isNotNull, isNull, not, or, sql, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, messageDrafts, profileAccess, users, type ClientProfile } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { containsPattern } from "@/lib/core/escape";
import { NotFoundError, ValidationError } from "@/lib/core/errors";
import {
  isAdmin,
  type Principal,
  type AdminPrincipal,
  type StaffPrincipal,
  assertAdmin,
  assertStaff,
} from "@/lib/core/principal";
import { dateOfBirthError, normalizeEmail } from "@/lib/core/validation";
import { practiceToday } from "@/lib/practice/settings";
import { loginControlledBy } from "@/lib/profiles/login-control";
import { findProfile, inProfileScope } from "./access";
import type { ClientListQuery, ClientProfileData, Relationship } from "./schemas";

/**
 * Client profiles for staff: list, view, create, edit, archive, reassign. Every function takes the acting principal
 * and scopes by inProfileScope (a clinician reaches only their own clients, the admin all; outsiders get
 * NotFoundError → 404). Archive, never delete (docs/decisions.md, Dashboard and admin: Archive, never delete).
 */

export const CLIENT_PAGE_SIZE = 50;

export type ClientListRow = {
  id: string;
  legalName: string;
  preferredName: string | null;
  type: ClientProfile["type"];
  archivedAt: Date | null;
  clinicianName: string | null;
  emails: string[];
};

/** `%` and `_` typed by the user are literal characters, not wildcards. */
const likePattern = containsPattern;

/**
 * One page of the client list, ordered by legal name. Reads one page plus one row (no count(*)), so the cost
 * does not grow with the size of the practice (docs/decisions.md, Quality targets: Client list cost stays flat).
 */
export async function listClients(
  p: Principal,
  query: ClientListQuery,
  on: DbOrTx = db,
): Promise<{ rows: ClientListRow[]; hasMore: boolean; page: number }> {
  const conds: SQL[] = [inProfileScope(p)];
  if (query.status === "active") conds.push(isNull(clientProfiles.archivedAt));
  if (query.status === "archived") conds.push(isNotNull(clientProfiles.archivedAt));
  if (query.q) {
    const pat = likePattern(query.q);
    conds.push(
      or(
        ilike(clientProfiles.legalName, pat),
        ilike(clientProfiles.preferredName, pat),
        exists(
          on
            .select({ one: sql`1` })
            .from(profileAccess)
            .innerJoin(users, eq(users.id, profileAccess.userId))
            .where(and(eq(profileAccess.profileId, clientProfiles.id), ilike(users.email, pat))),
        ),
      )!,
    );
  }
  if (query.todo) {
    conds.push(
      exists(
        on
          .select({ one: sql`1` })
          .from(profileAccess)
          .innerJoin(users, eq(users.id, profileAccess.userId))
          .where(
            and(
              eq(profileAccess.profileId, clientProfiles.id),
              // Only logins the actor manages: another clinician's client's invite state is not theirs to read
              // (docs/decisions.md "Who manages a login"), and they could not act on it anyway.
              loginControlledBy(p, users.id),
              eq(users.active, true),
              isNull(users.lastSignInAt),
              query.todo === "invite-pending" ? isNotNull(users.invitedAt) : isNull(users.invitedAt),
            ),
          ),
      ),
    );
  }
  const offset = (query.page - 1) * CLIENT_PAGE_SIZE;
  const clinician = { name: users.name };
  const found = await on
    .select({
      id: clientProfiles.id,
      legalName: clientProfiles.legalName,
      preferredName: clientProfiles.preferredName,
      type: clientProfiles.type,
      archivedAt: clientProfiles.archivedAt,
      clinicianName: clinician.name,
    })
    .from(clientProfiles)
    .leftJoin(users, eq(users.id, clientProfiles.clinicianId))
    .where(and(...conds))
    .orderBy(asc(clientProfiles.legalName), asc(clientProfiles.id))
    .limit(CLIENT_PAGE_SIZE + 1)
    .offset(offset);
  const hasMore = found.length > CLIENT_PAGE_SIZE;
  const pageRows = found.slice(0, CLIENT_PAGE_SIZE);
  const emails = new Map<string, string[]>();
  if (pageRows.length) {
    const access = await on
      .select({ profileId: profileAccess.profileId, email: users.email })
      .from(profileAccess)
      .innerJoin(users, eq(users.id, profileAccess.userId))
      .where(
        inArray(
          profileAccess.profileId,
          pageRows.map((r) => r.id),
        ),
      )
      .orderBy(asc(profileAccess.createdAt));
    for (const a of access) (emails.get(a.profileId) ?? emails.set(a.profileId, []).get(a.profileId)!).push(a.email);
  }
  return { rows: pageRows.map((r) => ({ ...r, emails: emails.get(r.id) ?? [] })), hasMore, page: query.page };
}

/**
 * A portal user as the profile pages see it: the address and the relationship on this profile, nothing from the
 * login itself (name, invite or sign-in times, revoked state) — that login may also reach other clinicians'
 * profiles. The Portal access panel shows the login's state only to whoever manages it (lib/auth/portal-access.ts).
 */
export type PortalUser = {
  userId: string;
  email: string;
  relationship: Relationship;
};

export type ClientDetail = {
  profile: ClientProfile;
  clinician: { id: string; name: string | null; email: string };
  users: PortalUser[];
};

async function loadDetail(profile: ClientProfile, on: DbOrTx): Promise<ClientDetail> {
  const [clinician] = await on
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, profile.clinicianId))
    .limit(1);
  const portalUsers = await on
    .select({ userId: users.id, email: users.email, relationship: profileAccess.relationship })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(eq(profileAccess.profileId, profile.id))
    .orderBy(asc(profileAccess.createdAt), asc(users.email));
  return { profile, clinician, users: portalUsers };
}

/** The client page: the profile, its clinician and portal users. Every view is audited (profile.view). */
export async function viewClient(p: StaffPrincipal, profileId: string): Promise<ClientDetail> {
  assertStaff(p);
  const profile = await findProfile(p, profileId);
  const detail = await loadDetail(profile, db);
  await audit({ action: "profile.view", actor: p, profileId: profile.id, targetType: "profile", targetId: profile.id });
  return detail;
}

/** For the edit form (the edit page view is audited as a profile view too). */
export async function getClientForEdit(p: StaffPrincipal, profileId: string): Promise<ClientDetail> {
  assertStaff(p);
  return viewClient(p, profileId);
}

/** Active clinicians the admin can assign a client to. */
export async function listAssignableClinicians(
  on: DbOrTx = db,
): Promise<{ id: string; name: string | null; email: string }[]> {
  return on
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, "clinician"), eq(users.active, true)))
    .orderBy(asc(users.name), asc(users.email));
}

async function resolveClinician(p: Principal, requested: string, tx: DbOrTx): Promise<string> {
  if (!isAdmin(p)) return p.userId; // a clinician creates for themselves
  const [c] =
    requested && /^[0-9a-f-]{36}$/i.test(requested)
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.id, requested), eq(users.role, "clinician"), eq(users.active, true)))
          .limit(1)
      : [];
  if (!c)
    throw new ValidationError("Please correct the highlighted fields.", {
      clinicianId: ["Choose the clinician for this client."],
    });
  return c.id;
}

/**
 * One email is one user however many profiles it reaches (docs/product.md, People: portal user): an existing client account is reused,
 * a new address becomes a new client user. Reuse is silent — the same result, no name or state echoed — and
 * hands the actor no power over that login unless every profile it reaches is theirs (lib/profiles/login-control.ts).
 * A staff address cannot be a portal user: that refusal is the one answer that differs, and it tells only that
 * the address is a colleague's staff account (docs/decisions.md "Who manages a login").
 */
async function findOrCreatePortalUsers(list: ClientProfileData["users"], tx: DbOrTx): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const errors: Record<string, string[]> = {};
  for (const [i, u] of list.entries()) {
    const email = normalizeEmail(u.email);
    const [existing] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(eq(users.email, email))
      .limit(1);
    if (existing && existing.role !== "client") {
      errors[`users.${i}.email`] = ["This address belongs to a staff account; use the client's own address."];
      continue;
    }
    if (existing) ids.set(email, existing.id);
    else {
      const [created] = await tx
        .insert(users)
        .values({ email, role: "client", createdAt: now() })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      const id =
        created?.id ?? (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0].id;
      ids.set(email, id);
    }
  }
  if (Object.keys(errors).length) throw new ValidationError("Please correct the highlighted fields.", errors);
  return ids;
}

/**
 * How many of the profile's logins also reach another clinician's profiles. Recorded in the audit detail (only
 * when above 0, for the admin's eyes; the clinician is not told) so the admin can review shared logins.
 */
async function sharedLoginCount(profileId: string, clinicianId: string, tx: DbOrTx): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(
      and(
        eq(profileAccess.profileId, profileId),
        not(loginControlledBy({ userId: clinicianId, role: "clinician" }, users.id)),
      ),
    );
  return r?.n ?? 0;
}
const sharedDetail = (n: number) => (n > 0 ? { sharedLogins: n } : {});

function profileValues(d: ClientProfileData) {
  return {
    type: d.type,
    legalName: d.legalName,
    preferredName: d.preferredName,
    dateOfBirth: d.dateOfBirth,
    phone: d.phone,
    address: d.address,
    insuranceMemberId: d.insuranceMemberId,
    diagnosisCodes: d.diagnosisCodes,
  };
}

/** A date of birth is not after the practice's today (the schema checks its form; the day needs the practice's zone). */
async function checkDateOfBirth(d: ClientProfileData, on: DbOrTx): Promise<void> {
  const error = dateOfBirthError(d.dateOfBirth, await practiceToday(on));
  if (error) throw new ValidationError("Please correct the highlighted fields.", { dateOfBirth: [error] });
}

export async function createClient(p: Principal, d: ClientProfileData): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    await checkDateOfBirth(d, tx);
    const clinicianId = await resolveClinician(p, d.clinicianId, tx);
    const userIds = await findOrCreatePortalUsers(d.users, tx);
    const t = now();
    const [row] = await tx
      .insert(clientProfiles)
      .values({ ...profileValues(d), clinicianId, createdAt: t, updatedAt: t })
      .returning({ id: clientProfiles.id });
    for (const u of d.users) {
      await tx
        .insert(profileAccess)
        .values({ profileId: row.id, userId: userIds.get(u.email)!, relationship: u.relationship, createdAt: t });
    }
    const shared = sharedDetail(await sharedLoginCount(row.id, clinicianId, tx));
    await audit(
      {
        action: "profile.create",
        actor: p,
        profileId: row.id,
        targetType: "profile",
        targetId: row.id,
        detail: { type: d.type, portalUsers: d.users.length, clinicianId, ...shared },
      },
      tx,
    );
    return row;
  });
}

/** Edits the profile and syncs its portal users (added, relationship changed, removed). Clinician changes go through reassign. */
export async function updateClient(p: Principal, profileId: string, d: ClientProfileData): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const before = await findProfile(p, profileId, tx);
    await checkDateOfBirth(d, tx);
    const values = profileValues(d);
    const changed = (Object.keys(values) as (keyof typeof values)[]).filter(
      (k) => JSON.stringify(values[k]) !== JSON.stringify(before[k]),
    );
    await tx
      .update(clientProfiles)
      .set({ ...values, updatedAt: now() })
      .where(eq(clientProfiles.id, before.id));

    const userIds = await findOrCreatePortalUsers(d.users, tx);
    const current = await tx.select().from(profileAccess).where(eq(profileAccess.profileId, before.id));
    const wanted = new Map(d.users.map((u) => [userIds.get(u.email)!, u.relationship]));
    let added = 0;
    let removed = 0;
    for (const a of current) {
      const rel = wanted.get(a.userId);
      if (!rel) {
        await tx.delete(profileAccess).where(eq(profileAccess.id, a.id));
        // What they typed for this profile and never sent goes with their access (lib/messaging/drafts.ts).
        await dropDraft(tx, before.id, a.userId);
        removed++;
      } else if (rel !== a.relationship) {
        await tx.update(profileAccess).set({ relationship: rel }).where(eq(profileAccess.id, a.id));
      }
    }
    const have = new Set(current.map((a) => a.userId));
    for (const [userId, relationship] of wanted) {
      if (have.has(userId)) continue;
      await tx.insert(profileAccess).values({ profileId: before.id, userId, relationship, createdAt: now() });
      added++;
    }
    if (isAdmin(p) && d.clinicianId && d.clinicianId !== before.clinicianId) {
      await reassignIn(tx, p, before, d.clinicianId);
    }
    const [{ clinicianId }] = await tx
      .select({ clinicianId: clientProfiles.clinicianId })
      .from(clientProfiles)
      .where(eq(clientProfiles.id, before.id));
    const shared = added > 0 ? sharedDetail(await sharedLoginCount(before.id, clinicianId, tx)) : {};
    // Field names only, never values: no PHI in the audit detail.
    await audit(
      {
        action: "profile.update",
        actor: p,
        profileId: before.id,
        targetType: "profile",
        targetId: before.id,
        detail: { changed, usersAdded: added, usersRemoved: removed, ...shared },
      },
      tx,
    );
    return { id: before.id };
  });
}

export async function setClientArchived(p: StaffPrincipal, profileId: string, archived: boolean): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    const profile = await findProfile(p, profileId, tx);
    if (Boolean(profile.archivedAt) === archived) return;
    await tx
      .update(clientProfiles)
      .set({ archivedAt: archived ? now() : null, updatedAt: now() })
      .where(eq(clientProfiles.id, profile.id));
    await audit(
      {
        action: archived ? "profile.archive" : "profile.restore",
        actor: p,
        profileId: profile.id,
        targetType: "profile",
        targetId: profile.id,
      },
      tx,
    );
  });
}

/** A person's unsent message draft for a profile they can no longer reach (db/schema/messaging.ts). */
async function dropDraft(tx: DbOrTx, profileId: string, userId: string) {
  await tx.delete(messageDrafts).where(and(eq(messageDrafts.profileId, profileId), eq(messageDrafts.userId, userId)));
}

async function reassignIn(tx: DbOrTx, p: Principal, profile: ClientProfile, clinicianId: string) {
  const [c] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clinicianId), eq(users.role, "clinician"), eq(users.active, true)))
    .limit(1);
  if (!c)
    throw new ValidationError("Please correct the highlighted fields.", {
      clinicianId: ["Choose an active clinician."],
    });
  await tx.update(clientProfiles).set({ clinicianId: c.id, updatedAt: now() }).where(eq(clientProfiles.id, profile.id));
  // The previous clinician can no longer reach the profile: their unsent draft for it goes (lib/messaging/drafts.ts).
  if (profile.clinicianId && profile.clinicianId !== c.id) await dropDraft(tx, profile.id, profile.clinicianId);
  await audit(
    {
      action: "profile.reassign",
      actor: p,
      profileId: profile.id,
      targetType: "profile",
      targetId: profile.id,
      detail: { from: profile.clinicianId, to: c.id },
    },
    tx,
  );
}

/** Only the admin reassigns a client to another clinician (reassigning moves the client out of a clinician's scope, so it is an admin action: docs/product.md, People); for anyone else the client is not there. */
export async function reassignClient(p: AdminPrincipal, profileId: string, clinicianId: string): Promise<void> {
  assertAdmin(p);
  if (!isAdmin(p)) throw new NotFoundError();
  await db.transaction(async (tx) => {
    const profile = await findProfile(p, profileId, tx);
    if (profile.clinicianId === clinicianId) return;
    await reassignIn(tx, p, profile, clinicianId);
  });
}
