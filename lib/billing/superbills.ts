import "server-only";
import { and, asc, desc, eq, getTableColumns, gte, inArray, lte, ne, sql } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import {
  billingServices,
  clientProfiles,
  invoiceLines,
  invoices,
  payments,
  superbills,
  users,
  type ClientProfile,
  type Superbill,
} from "@/db/schema";
import { assertStaff, isStaff, type Principal, type StaffPrincipal } from "@/lib/core/principal";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { audit } from "@/lib/audit/write";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { getPracticeSettings } from "@/lib/practice/settings";
import { allocatePaid, lineAmount } from "./money";
import { generatedOn, resolveAsOf } from "./as-of";
import {
  buildSuperbill,
  missingFields,
  missingMessage,
  type SuperbillContent,
  type SuperbillSource,
} from "./superbill-check";
import { notifyBillingDocument } from "@/lib/billing/internal/notify";

/** The practice's address as printed lines. */
export function practiceAddress(s: {
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
}): string[] {
  const cityLine = [s.city, [s.state, s.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [s.addressLine1, s.addressLine2, cityLine].filter((x): x is string => !!x && x.trim().length > 0);
}

/** What a superbill for the profile and period is made of: services in the period, their payments, the practice. */
async function superbillSource(
  tx: DbOrTx,
  profile: ClientProfile,
  periodStart: string,
  periodEnd: string,
  asOf: string,
): Promise<SuperbillSource> {
  const practice = await getPracticeSettings(tx);
  const rows = await tx
    .select({
      s: billingServices,
      name: users.name,
      credentials: users.credentials,
      npi: users.npi,
      licenseNumber: users.licenseNumber,
      licenseState: users.licenseState,
    })
    .from(billingServices)
    .innerJoin(users, eq(users.id, billingServices.clinicianId))
    .where(
      and(
        eq(billingServices.profileId, profile.id),
        gte(billingServices.dateOfService, periodStart),
        lte(billingServices.dateOfService, periodEnd),
      ),
    )
    .orderBy(asc(billingServices.dateOfService));

  // What was paid for each service by the as-of day: each invoice's payments received up to that day, spread
  // over its lines in order (a superbill regenerated later shows payments that came in since).
  const invoiceIds = [...new Set(rows.map((r) => r.s.invoiceId).filter((x): x is string => !!x))];
  const paidByService = new Map<string, number>();
  if (invoiceIds.length) {
    const invs = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(inArray(invoices.id, invoiceIds), ne(invoices.status, "void")));
    const paidRows = await tx
      .select({ invoiceId: payments.invoiceId, paid: sql<number>`coalesce(sum(${payments.amountCents}), 0)::int` })
      .from(payments)
      .where(and(inArray(payments.invoiceId, invoiceIds), lte(payments.receivedOn, asOf)))
      .groupBy(payments.invoiceId);
    const lines = await tx
      .select()
      .from(invoiceLines)
      .where(inArray(invoiceLines.invoiceId, invoiceIds))
      .orderBy(asc(invoiceLines.position));
    for (const inv of invs) {
      const mine = lines.filter((l) => l.invoiceId === inv.id);
      const parts = allocatePaid(
        mine.map((l) => l.amountCents),
        Number(paidRows.find((r) => r.invoiceId === inv.id)?.paid ?? 0),
      );
      mine.forEach((l, i) => l.serviceId && paidByService.set(l.serviceId, parts[i]));
    }
  }

  return {
    periodStart,
    periodEnd,
    asOf,
    profile: {
      legalName: profile.legalName,
      dateOfBirth: profile.dateOfBirth,
      insuranceMemberId: profile.insuranceMemberId,
      diagnosisCodes: profile.diagnosisCodes,
    },
    practice: {
      name: practice.name,
      legalName: practice.legalName,
      address: practiceAddress(practice),
      phone: practice.phone,
      ein: practice.ein,
      organizationNpi: practice.organizationNpi,
    },
    services: rows.map((r) => ({
      dateOfService: r.s.dateOfService,
      cptCode: r.s.cptCode,
      modifiers: r.s.modifiers,
      placeOfService: r.s.placeOfService,
      diagnosisCodes: r.s.diagnosisCodes,
      units: r.s.units,
      feeCents: lineAmount(r.s.units, r.s.unitFeeCents),
      paidCents: paidByService.get(r.s.id) ?? 0,
      clinician: {
        name: r.name ?? "Clinician",
        credentials: r.credentials,
        npi: r.npi,
        licenseNumber: r.licenseNumber,
        licenseState: r.licenseState,
      },
    })),
  };
}

/** The completeness check for a period, for the page to show before generating. */
export async function checkSuperbill(
  p: StaffPrincipal,
  input: { profileId: string; periodStart: string; periodEnd: string; asOf?: string },
): Promise<string[]> {
  assertStaff(p);
  const profile = await findProfile(p, input.profileId);
  const asOf = await resolveAsOf(input.asOf);
  return buildSuperbill(await superbillSource(db, profile, input.periodStart, input.periodEnd, asOf)).missing;
}

/**
 * Generates a superbill. Incomplete → ValidationError naming each missing field (docs/product.md, Billing: a superbill that lacks a
 * required field cannot be sent, and says which field).
 */
export async function createSuperbill(
  p: StaffPrincipal,
  input: { profileId: string; periodStart: string; periodEnd: string; asOf?: string },
): Promise<Superbill> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const asOf = await resolveAsOf(input.asOf, tx);
    const { content, missing } = buildSuperbill(
      await superbillSource(tx, profile, input.periodStart, input.periodEnd, asOf),
    );
    if (missing.length) throw new ValidationError(missingMessage(missing), { _form: [missingMessage(missing)] });
    const [row] = await tx
      .insert(superbills)
      .values({
        profileId: profile.id,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        totalCents: content.totalCents,
        paidCents: content.paidCents,
        snapshot: content,
        createdById: p.userId,
        createdAt: now(),
      })
      .returning();
    await audit(
      {
        action: "billing.superbill_created",
        actor: p,
        profileId: profile.id,
        targetType: "superbill",
        targetId: row.id,
      },
      tx,
    );
    return row;
  });
}

function visibleTo(p: Principal) {
  return isStaff(p) ? inProfileScope(p) : inProfileScope(p, ne(superbills.status, "draft"));
}

/** The profile's superbills, newest first: the list's one query, for any selection of its columns. */
function superbillsOf<S extends SelectedFields>(
  p: Principal,
  profileId: string,
  select: S,
  on: DbOrTx = db,
): ListQuery<S> {
  return on
    .select(select as SelectedFields)
    .from(superbills)
    .innerJoin(clientProfiles, eq(clientProfiles.id, superbills.profileId))
    .where(and(eq(superbills.profileId, profileId), visibleTo(p)))
    .orderBy(desc(superbills.createdAt)) as unknown as ListQuery<S>;
}

/** The profile's superbills, newest first, each with the day it is "as of". */
export async function listSuperbills(
  p: Principal,
  profileId: string,
  on: DbOrTx = db,
): Promise<(Superbill & { asOf: string })[]> {
  return withSuperbillAsOf(await superbillsOf(p, profileId, getTableColumns(superbills), on), on);
}

/**
 * The same list as one column of a page's single SELECT (db/json-list.ts); its rows go through
 * `withSuperbillAsOf`.
 */
export function superbillsJson(p: Principal, profileId: string) {
  return jsonList(getTableColumns(superbills), (row) => superbillsOf(p, profileId, { row }));
}

/** Each superbill with the day it is "as of" (older ones: the day generated, from the cached settings). */
export async function withSuperbillAsOf(rows: Superbill[], on: DbOrTx = db): Promise<(Superbill & { asOf: string })[]> {
  return Promise.all(
    rows.map(async (s) => ({
      ...s,
      asOf: (s.snapshot as SuperbillContent).asOf ?? (await generatedOn(s.createdAt, on)),
    })),
  );
}

export async function getSuperbill(
  p: Principal,
  id: string,
  on: DbOrTx = db,
): Promise<Superbill & { snapshot: SuperbillContent }> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await on
    .select({ s: superbills })
    .from(superbills)
    .innerJoin(clientProfiles, eq(clientProfiles.id, superbills.profileId))
    .where(and(eq(superbills.id, id), visibleTo(p)))
    .limit(1);
  if (!row) throw new NotFoundError();
  const snapshot = row.s.snapshot as SuperbillContent;
  return { ...row.s, snapshot: { ...snapshot, asOf: snapshot.asOf ?? (await generatedOn(row.s.createdAt, on)) } };
}

/** Sending re-runs the completeness check on what will be sent; the profile's users are emailed. */
export async function sendSuperbill(p: StaffPrincipal, id: string): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    const sb = await getSuperbill(p, id, tx);
    if (sb.status === "sent") throw new ConflictError("This superbill was already sent.");
    const missing = missingFields(sb.snapshot);
    if (missing.length) throw new ValidationError(missingMessage(missing));
    await tx.update(superbills).set({ status: "sent", sentAt: now() }).where(eq(superbills.id, sb.id));
    const notified = await notifyBillingDocument(tx, sb.profileId);
    await audit(
      {
        action: "billing.superbill_sent",
        actor: p,
        profileId: sb.profileId,
        targetType: "superbill",
        targetId: sb.id,
        detail: { notified },
      },
      tx,
    );
  });
}

/** A superbill shown on a page: a PHI read, audited. */
export async function viewSuperbill(p: Principal, id: string, opts: { profileId?: string } = {}) {
  const sb = await getSuperbill(p, id);
  if (opts.profileId && sb.profileId !== opts.profileId) throw new NotFoundError();
  await audit({
    action: "billing.superbill_viewed",
    actor: p,
    profileId: sb.profileId,
    targetType: "superbill",
    targetId: sb.id,
  });
  return sb;
}
