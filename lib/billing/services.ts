import "server-only";
import { and, desc, eq, isNull, type SQL } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { billingServices, clientProfiles, users, type BillingService } from "@/db/schema";
import { assertStaff, type StaffPrincipal } from "@/lib/core/principal";
import { findProfile } from "@/lib/profiles/access";
import { audit } from "@/lib/audit/write";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { lineAmount } from "./money";
import { findServiceCode } from "./catalogue";
import type { ServiceInput } from "./schemas";

export type ServiceRow = BillingService & { clinicianName: string | null; amountCents: number };

/** Services rendered to a profile the principal may reach (staff only), newest first. */
export async function listServices(p: StaffPrincipal, profileId: string, on: DbOrTx = db): Promise<ServiceRow[]> {
  assertStaff(p);
  await findProfile(p, profileId, on);
  const rows = await on
    .select({ s: billingServices, clinicianName: users.name })
    .from(billingServices)
    .innerJoin(users, eq(users.id, billingServices.clinicianId))
    .where(eq(billingServices.profileId, profileId))
    .orderBy(desc(billingServices.dateOfService), desc(billingServices.createdAt));
  return rows.map((r) => ({
    ...r.s,
    clinicianName: r.clinicianName,
    amountCents: lineAmount(r.s.units, r.s.unitFeeCents),
  }));
}

/**
 * Records a service rendered. The clinician is the profile's clinician; diagnosis pointers must be among the
 * profile's ICD-10 codes (docs/product.md, Billing: ICD-10 codes come from the client's record).
 */
export async function recordService(p: StaffPrincipal, input: ServiceInput): Promise<BillingService> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const code = await findServiceCode(input.cptCode, tx);
    if (!code)
      throw new ValidationError("Choose a service code.", { cptCode: ["Choose a service code from the catalog."] });
    const unknown = input.diagnosisCodes.filter((c) => !profile.diagnosisCodes.includes(c));
    if (unknown.length)
      throw new ValidationError("Choose diagnosis codes from the client's record.", {
        diagnosisCodes: ["Choose diagnosis codes from the client's record."],
      });
    const [row] = await tx
      .insert(billingServices)
      .values({
        profileId: profile.id,
        clinicianId: profile.clinicianId,
        dateOfService: input.dateOfService,
        cptCode: input.cptCode,
        modifiers: input.modifiers,
        placeOfService: input.placeOfService,
        units: input.units,
        unitFeeCents: input.fee,
        diagnosisCodes: input.diagnosisCodes,
        createdById: p.userId,
        createdAt: now(),
      })
      .returning();
    await audit(
      {
        action: "billing.service_recorded",
        actor: p,
        profileId: profile.id,
        targetType: "billing_service",
        targetId: row.id,
      },
      tx,
    );
    return row;
  });
}

/** Removes a service recorded by mistake; only while it is not on an invoice. */
export async function deleteService(p: StaffPrincipal, serviceId: string): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    const [s] = await tx.select().from(billingServices).where(eq(billingServices.id, serviceId)).limit(1);
    if (!s) throw new NotFoundError();
    await findProfile(p, s.profileId, tx);
    if (s.invoiceId) throw new ConflictError("This service is on an invoice; void the invoice first.");
    await tx.delete(billingServices).where(and(eq(billingServices.id, serviceId), isNull(billingServices.invoiceId)));
    await audit(
      {
        action: "billing.service_deleted",
        actor: p,
        profileId: s.profileId,
        targetType: "billing_service",
        targetId: s.id,
      },
      tx,
    );
  });
}

/**
 * The client's billing details used on superbills: ICD-10 codes and insurance member ID. A small editor on the
 * billing page, so the codes a superbill needs can be fixed where its missing fields are reported.
 */
export async function updateClientBillingDetails(
  p: StaffPrincipal,
  input: { profileId: string; diagnosisCodes: string[]; insuranceMemberId: string | null },
): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    await tx
      .update(clientProfiles)
      .set({
        diagnosisCodes: [...new Set(input.diagnosisCodes)],
        insuranceMemberId: input.insuranceMemberId || null,
        updatedAt: now(),
      })
      .where(eq(clientProfiles.id, profile.id));
    await audit(
      {
        action: "profile.update",
        actor: p,
        profileId: profile.id,
        targetType: "client_profile",
        targetId: profile.id,
        detail: { fields: ["diagnosisCodes", "insuranceMemberId"] },
      },
      tx,
    );
  });
}

/**
 * What the "Record a service" form starts with: the CPT code and place of service of the service this staff member
 * last recorded for this client, else the last one anyone recorded for the client, else the last one this staff
 * member recorded for anyone; null when there is none (the form then starts at the catalogue's first code, office).
 */
export async function serviceDefaults(
  p: StaffPrincipal,
  profileId: string,
  on: DbOrTx = db,
): Promise<{ cptCode: string; placeOfService: string } | null> {
  assertStaff(p);
  await findProfile(p, profileId, on);
  const last = async (where: SQL | undefined) =>
    (
      await on
        .select({ cptCode: billingServices.cptCode, placeOfService: billingServices.placeOfService })
        .from(billingServices)
        .where(where)
        .orderBy(desc(billingServices.createdAt))
        .limit(1)
    )[0] ?? null;
  return (
    (await last(and(eq(billingServices.profileId, profileId), eq(billingServices.createdById, p.userId)))) ??
    (await last(eq(billingServices.profileId, profileId))) ??
    (await last(eq(billingServices.createdById, p.userId)))
  );
}
