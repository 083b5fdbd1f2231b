import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, users, type User } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { endAllSessionsOfUser } from "@/lib/auth/sessions";
import { sendWelcomeLink } from "@/lib/auth/links";
import { isAdmin, type Principal, type AdminPrincipal, assertAdmin } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { requestMeta } from "@/lib/core/http";
import type { z } from "zod";
import type { inviteClinicianSchema, staffDetailsSchema } from "./schemas";

/** Staff administration (docs/product.md, People: admin): admin only; for anyone else these do not exist. */
function requireAdmin(p: Principal) {
  if (!isAdmin(p)) throw new NotFoundError();
}

export type StaffRow = Pick<
  User,
  | "id"
  | "name"
  | "email"
  | "role"
  | "active"
  | "credentials"
  | "npi"
  | "licenseNumber"
  | "licenseState"
  | "invitedAt"
  | "lastSignInAt"
> & { clients: number; status: StaffStatus };

/**
 * One rule for a staff account's status, used by the list and the staff member's page alike: deactivated wins;
 * an account that never signed in is "Invited" (it has an invitation) or "Not signed in yet"; otherwise "Active".
 */
export type StaffStatus = "Active" | "Invited" | "Not signed in yet" | "Deactivated";
export function staffStatus(s: Pick<User, "active" | "lastSignInAt" | "invitedAt">): StaffStatus {
  if (!s.active) return "Deactivated";
  if (s.lastSignInAt) return "Active";
  return s.invitedAt ? "Invited" : "Not signed in yet";
}

/** Active (not archived) clients per clinician: one grouped count, never the rows. */
async function countActiveClients(clinicianIds?: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ clinicianId: clientProfiles.clinicianId, n: sql<number>`count(*)::int` })
    .from(clientProfiles)
    .where(
      and(
        isNull(clientProfiles.archivedAt),
        clinicianIds ? inArray(clientProfiles.clinicianId, clinicianIds) : undefined,
      ),
    )
    .groupBy(clientProfiles.clinicianId);
  return new Map(rows.filter((r) => r.clinicianId).map((r) => [r.clinicianId as string, Number(r.n)]));
}

export async function listStaff(p: AdminPrincipal): Promise<StaffRow[]> {
  assertAdmin(p);
  requireAdmin(p);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      credentials: users.credentials,
      npi: users.npi,
      licenseNumber: users.licenseNumber,
      licenseState: users.licenseState,
      invitedAt: users.invitedAt,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(inArray(users.role, ["clinician", "admin"]))
    .orderBy(asc(users.role), asc(users.name), asc(users.email));
  const counts = await countActiveClients();
  return rows.map((r) => ({ ...r, clients: counts.get(r.id) ?? 0, status: staffStatus(r) }));
}

export async function getStaffMember(p: AdminPrincipal, userId: string): Promise<StaffRow> {
  assertAdmin(p);
  requireAdmin(p);
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), inArray(users.role, ["clinician", "admin"])))
    .limit(1);
  if (!row) throw new NotFoundError();
  const counts = await countActiveClients([row.id]);
  return { ...row, clients: counts.get(row.id) ?? 0, status: staffStatus(row) };
}

type Details = z.output<typeof staffDetailsSchema>;

/**
 * Invites a clinician: creates the staff user and emails a welcome link (7 days, single use) that lands them on
 * the dashboard. An address that already has an account is refused at the field.
 */
export async function inviteClinician(
  p: Principal,
  input: z.output<typeof inviteClinicianSchema>,
): Promise<{ id: string }> {
  requireAdmin(p);
  const user = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (existing)
      throw new ValidationError("Please correct the highlighted fields.", {
        email: ["This address already has an account."],
      });
    const [created] = await tx
      .insert(users)
      .values({
        email: input.email,
        role: "clinician",
        name: input.name,
        credentials: input.credentials,
        npi: input.npi,
        licenseNumber: input.licenseNumber,
        licenseState: input.licenseState,
        createdAt: now(),
      })
      .returning({ id: users.id, email: users.email });
    await audit(
      { action: "staff.invite", actor: p, targetType: "user", targetId: created.id, detail: { role: "clinician" } },
      tx,
    );
    return created;
  });
  await sendWelcomeLink(user, p.name ?? "Your practice", { userId: p.userId, role: p.role }, await requestMeta());
  return { id: user.id };
}

/** Sends a fresh invitation link (the older one stops working: docs/product.md, Sign-in rule 3). */
export async function resendStaffInvite(p: AdminPrincipal, userId: string): Promise<void> {
  assertAdmin(p);
  const s = await getStaffMember(p, userId);
  if (!s.active) throw new ConflictError("Reactivate this account before inviting again.");
  await sendWelcomeLink(
    { id: s.id, email: s.email },
    p.name ?? "Your practice",
    { userId: p.userId, role: p.role },
    await requestMeta(),
  );
}

export async function updateStaffDetails(p: AdminPrincipal, userId: string, d: Details): Promise<void> {
  assertAdmin(p);
  requireAdmin(p);
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), inArray(users.role, ["clinician", "admin"])))
      .limit(1);
    if (!before) throw new NotFoundError();
    const changed = (Object.keys(d) as (keyof Details)[]).filter((k) => (d[k] ?? null) !== (before[k] ?? null));
    await tx.update(users).set(d).where(eq(users.id, userId));
    await audit({ action: "staff.update", actor: p, targetType: "user", targetId: userId, detail: { changed } }, tx);
  });
}

/**
 * Deactivates a staff account: users.active=false and every live session ends in the same transaction, so the
 * person is signed out on their next request (checkSession refuses ended sessions and inactive users).
 */
export async function setStaffActive(
  p: Principal,
  userId: string,
  active: boolean,
): Promise<{ sessionsEnded: number }> {
  requireAdmin(p);
  if (userId === p.userId) throw new ConflictError("You cannot deactivate your own account.");
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), inArray(users.role, ["clinician", "admin"])))
      .limit(1);
    if (!target) throw new NotFoundError();
    if (target.active === active) return { sessionsEnded: 0 };
    await tx.update(users).set({ active }).where(eq(users.id, userId));
    const sessionsEnded = active ? 0 : await endAllSessionsOfUser(userId, "inactive", tx);
    await audit(
      {
        action: active ? "staff.reactivate" : "staff.deactivate",
        actor: p,
        targetType: "user",
        targetId: userId,
        detail: { sessionsEnded },
      },
      tx,
    );
    return { sessionsEnded };
  });
}
