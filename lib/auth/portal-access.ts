import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { db } from "@/db";
import { pinCodes, profileAccess, users, verificationTokens, type ClientProfile } from "@/db/schema";
import { findProfile } from "@/lib/profiles/access";
import { NotFoundError, ConflictError } from "@/lib/core/errors";
import { audit } from "@/lib/audit/write";
import { requestMeta } from "@/lib/core/http";
import { assertStaff, type Principal, type StaffPrincipal } from "@/lib/core/principal";
import { sendWelcomeLink } from "./links";
import { issuePin } from "./pin";
import { endAllSessionsOfUser } from "./sessions";
import { assertCanManageLogin, loginControlledBy, type CredentialOp } from "@/lib/profiles/login-control";

/**
 * The clinician's portal-access buttons (docs/product.md, Sign-in rules 1, 5 and 7; People: clinician). Every function takes the acting staff
 * principal and the profile: the profile must be in the actor's scope (a clinician's own clients; the admin's
 * all) and the user must hold access to that profile, else NotFoundError (docs/decisions.md, Code conventions: Data-layer authorisation). On top of that,
 * a credential acts on the whole login, so the actor must control every profile that login reaches
 * (lib/profiles/login-control.ts), else ForbiddenError with the panel's own words.
 */
export type PortalUserStatus = "not_invited" | "invited" | "active" | "revoked" | "managed_by_admin";
export type PortalUser = {
  userId: string;
  /** Null unless the actor manages the login: a name is never echoed from a login reused from elsewhere. */
  name: string | null;
  email: string;
  relationship: "self" | "partner" | "guardian";
  /** Whether the actor may send a link, issue a PIN, revoke or restore this login. */
  canManage: boolean;
  /** "managed_by_admin" when the actor does not manage the login: its state elsewhere is not theirs to see. */
  status: PortalUserStatus;
  invitedAt: Date | null;
  lastSignInAt: Date | null;
};

export async function listPortalUsers(
  actor: StaffPrincipal,
  profileId: string,
): Promise<{ profile: ClientProfile; users: PortalUser[] }> {
  assertStaff(actor);
  const profile = await findProfile(actor, profileId);
  const rows = await db
    .select({
      u: users,
      relationship: profileAccess.relationship,
      canManage: sql<boolean>`(${loginControlledBy(actor, users.id)})`,
    })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(eq(profileAccess.profileId, profile.id))
    .orderBy(asc(profileAccess.createdAt), asc(users.email));
  return {
    profile,
    users: rows.map(({ u, relationship, canManage }): PortalUser => {
      // Only the address the clinician typed and the relationship they chose: no name, no invite or sign-in
      // time, no active/revoked state, which would tell them this person uses the portal with someone else.
      if (!canManage || u.role !== "client") {
        return {
          userId: u.id,
          name: null,
          email: u.email,
          relationship,
          canManage: false,
          status: "managed_by_admin",
          invitedAt: null,
          lastSignInAt: null,
        };
      }
      return {
        userId: u.id,
        name: u.name,
        email: u.email,
        relationship,
        canManage: true,
        status: !u.active ? "revoked" : u.lastSignInAt ? "active" : u.invitedAt ? "invited" : "not_invited",
        invitedAt: u.invitedAt,
        lastSignInAt: u.lastSignInAt,
      };
    }),
  };
}

/**
 * The profile (in the actor's scope) and one of its portal users, or NotFoundError; then ForbiddenError unless the
 * actor manages that login (every profile it reaches is theirs, or they are the admin).
 */
async function portalUserOf(actor: Principal, profileId: string, userId: string, op: CredentialOp) {
  assertStaff(actor);
  const profile = await findProfile(actor, profileId);
  const [row] = await db
    .select({ u: users })
    .from(profileAccess)
    .innerJoin(users, eq(users.id, profileAccess.userId))
    .where(and(eq(profileAccess.profileId, profile.id), eq(profileAccess.userId, userId), eq(users.role, "client")))
    .limit(1);
  if (!row) throw new NotFoundError();
  await assertCanManageLogin(actor, profile.id, row.u.id, op);
  return { profile, user: row.u };
}

/** "Send welcome email": a 7-day link; sending again supersedes the earlier one (docs/product.md, Sign-in rules 1 and 3). */
export async function sendWelcomeEmail(actor: Principal, profileId: string, userId: string): Promise<void> {
  const { profile, user } = await portalUserOf(actor, profileId, userId, "welcome");
  if (!user.active) throw new ConflictError("Portal access is revoked for this person. Restore it first.");
  const [clinician] = await db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, profile.clinicianId))
    .limit(1);
  await sendWelcomeLink(
    user,
    clinician?.name ?? "Your clinician",
    { userId: actor.userId, role: actor.role },
    await requestMeta(),
  );
}

/** "Generate PIN code": returns the 6 digits to show once (docs/product.md, Sign-in rule 5). */
export async function generatePinCode(actor: Principal, profileId: string, userId: string): Promise<string> {
  const { profile, user } = await portalUserOf(actor, profileId, userId, "pin");
  if (!user.active) throw new ConflictError("Portal access is revoked for this person. Restore it first.");
  return issuePin(user.id, { userId: actor.userId, role: actor.role }, profile.id, await requestMeta());
}

/**
 * "Revoke portal access": the user can no longer sign in, and every session ends at once (rule 7): the next
 * request of any of their browsers finds the session ended. Live links and PINs are deleted too.
 * `users.active` is one switch per login, so this closes the whole portal login, not only this profile.
 */
export async function revokePortalAccess(
  actor: Principal,
  profileId: string,
  userId: string,
): Promise<{ sessionsEnded: number }> {
  const { profile, user } = await portalUserOf(actor, profileId, userId, "revoke");
  return db.transaction(async (tx) => {
    await tx.update(users).set({ active: false }).where(eq(users.id, user.id));
    const sessionsEnded = await endAllSessionsOfUser(user.id, "revoked", tx);
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, user.email));
    await tx.delete(pinCodes).where(eq(pinCodes.userId, user.id));
    await audit(
      {
        action: "auth.access_revoked",
        actor,
        profileId: profile.id,
        targetType: "user",
        targetId: user.id,
        detail: { sessionsEnded },
      },
      tx,
    );
    return { sessionsEnded };
  });
}

/** "Restore portal access": the user can sign in again (with a new link or PIN). */
export async function restorePortalAccess(actor: Principal, profileId: string, userId: string): Promise<void> {
  const { profile, user } = await portalUserOf(actor, profileId, userId, "restore");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ active: true }).where(eq(users.id, user.id));
    await audit(
      { action: "auth.access_restored", actor, profileId: profile.id, targetType: "user", targetId: user.id },
      tx,
    );
  });
}
