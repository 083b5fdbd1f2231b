import "server-only";
import { and, asc, desc, eq, getTableColumns, inArray, lte, ne } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import { clientProfiles, invoiceLines, invoices, payments, statements, type Statement } from "@/db/schema";
import { assertStaff, isStaff, type Principal, type StaffPrincipal } from "@/lib/core/principal";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { audit } from "@/lib/audit/write";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { formatDate } from "@/lib/core/time";
import { buildStatement, type LedgerEntry, type StatementContent } from "./statement-build";
import { invoiceNumberLabel } from "./format";
import { paymentMethodLabel } from "./schemas";
import { notifyBillingDocument } from "@/lib/billing/internal/notify";
import { generatedOn, resolveAsOf } from "./as-of";

export type StatementSnapshot = StatementContent & { clientName: string };

/**
 * The profile's ledger up to `upTo`: each line of every issued invoice is a charge on the invoice's issue date,
 * each payment a credit on the date received. Drafts and void invoices are not charges.
 */
async function ledgerFor(tx: DbOrTx, profileId: string, upTo: string): Promise<LedgerEntry[]> {
  const charges = await tx
    .select({
      issuedOn: invoices.issuedOn,
      number: invoices.number,
      description: invoiceLines.description,
      cpt: invoiceLines.cptCode,
      dos: invoiceLines.dateOfService,
      amount: invoiceLines.amountCents,
    })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(
      and(
        eq(invoices.profileId, profileId),
        inArray(invoices.status, ["sent", "partially_paid", "paid"]),
        lte(invoices.issuedOn, upTo),
      ),
    )
    .orderBy(asc(invoices.number), asc(invoiceLines.position));
  const pays = await tx
    .select({
      receivedOn: payments.receivedOn,
      amount: payments.amountCents,
      method: payments.method,
      number: invoices.number,
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .where(and(eq(payments.profileId, profileId), lte(payments.receivedOn, upTo)));
  return [
    ...charges.map((c) => ({
      date: c.issuedOn!,
      kind: "charge" as const,
      description: `${invoiceNumberLabel(c.number)}: ${c.cpt ? `${c.cpt} ` : ""}${c.description}${c.dos ? `, service on ${formatDate(c.dos)}` : ""}`,
      amountCents: c.amount,
    })),
    ...pays.map((p) => ({
      date: p.receivedOn,
      kind: "payment" as const,
      description: `Payment, ${paymentMethodLabel(p.method).toLowerCase()} (${invoiceNumberLabel(p.number)})`,
      amountCents: p.amount,
    })),
  ];
}

async function computeStatement(
  tx: DbOrTx,
  profile: { id: string; legalName: string },
  periodStart: string,
  periodEnd: string,
  asOf: string,
): Promise<StatementSnapshot> {
  const ledger = await ledgerFor(tx, profile.id, asOf > periodEnd ? asOf : periodEnd);
  return { ...buildStatement(periodStart, periodEnd, ledger, asOf), clientName: profile.legalName };
}

/**
 * Creates a statement for the period as of a day (today in the practice's zone unless given); its snapshot is
 * frozen, so a sent statement never changes. "Regenerate" makes a new one for the same period as of a later day.
 */
export async function createStatement(
  p: StaffPrincipal,
  input: { profileId: string; periodStart: string; periodEnd: string; asOf?: string },
): Promise<Statement> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const asOf = await resolveAsOf(input.asOf, tx);
    const snap = await computeStatement(tx, profile, input.periodStart, input.periodEnd, asOf);
    const [row] = await tx
      .insert(statements)
      .values({
        profileId: profile.id,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        openingBalanceCents: snap.openingBalanceCents,
        chargesCents: snap.chargesCents,
        paymentsCents: snap.paymentsCents,
        closingBalanceCents: snap.closingBalanceCents,
        snapshot: snap,
        createdById: p.userId,
        createdAt: now(),
      })
      .returning();
    await audit(
      {
        action: "billing.statement_created",
        actor: p,
        profileId: profile.id,
        targetType: "statement",
        targetId: row.id,
      },
      tx,
    );
    return row;
  });
}

function visibleTo(p: Principal) {
  return isStaff(p) ? inProfileScope(p) : inProfileScope(p, ne(statements.status, "draft"));
}

/** The profile's statements, newest first: the list's one query, for any selection of its columns. */
function statementsOf<S extends SelectedFields>(
  p: Principal,
  profileId: string,
  select: S,
  on: DbOrTx = db,
): ListQuery<S> {
  return on
    .select(select as SelectedFields)
    .from(statements)
    .innerJoin(clientProfiles, eq(clientProfiles.id, statements.profileId))
    .where(and(eq(statements.profileId, profileId), visibleTo(p)))
    .orderBy(desc(statements.createdAt)) as unknown as ListQuery<S>;
}

/** The profile's statements, newest first, each with the day it is "as of". */
export async function listStatements(
  p: Principal,
  profileId: string,
  on: DbOrTx = db,
): Promise<(Statement & { asOf: string })[]> {
  return withStatementAsOf(await statementsOf(p, profileId, getTableColumns(statements), on), on);
}

/**
 * The same list as one column of a page's single SELECT (db/json-list.ts); its rows go through
 * `withStatementAsOf`.
 */
export function statementsJson(p: Principal, profileId: string) {
  return jsonList(getTableColumns(statements), (row) => statementsOf(p, profileId, { row }));
}

/** Each statement with the day it is "as of" (older ones: the day generated, from the cached settings). */
export async function withStatementAsOf(rows: Statement[], on: DbOrTx = db): Promise<(Statement & { asOf: string })[]> {
  return Promise.all(
    rows.map(async (s) => ({
      ...s,
      asOf: (s.snapshot as StatementSnapshot).asOf ?? (await generatedOn(s.createdAt, on)),
    })),
  );
}

export async function getStatement(
  p: Principal,
  id: string,
  on: DbOrTx = db,
): Promise<Statement & { snapshot: StatementSnapshot }> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await on
    .select({ s: statements })
    .from(statements)
    .innerJoin(clientProfiles, eq(clientProfiles.id, statements.profileId))
    .where(and(eq(statements.id, id), visibleTo(p)))
    .limit(1);
  if (!row) throw new NotFoundError();
  const snapshot = row.s.snapshot as StatementSnapshot;
  return { ...row.s, snapshot: { ...snapshot, asOf: snapshot.asOf ?? (await generatedOn(row.s.createdAt, on)) } };
}

export async function sendStatement(p: StaffPrincipal, id: string): Promise<void> {
  assertStaff(p);
  await db.transaction(async (tx) => {
    const st = await getStatement(p, id, tx);
    if (st.status === "sent") throw new ConflictError("This statement was already sent.");
    await tx.update(statements).set({ status: "sent", sentAt: now() }).where(eq(statements.id, st.id));
    const notified = await notifyBillingDocument(tx, st.profileId);
    await audit(
      {
        action: "billing.statement_sent",
        actor: p,
        profileId: st.profileId,
        targetType: "statement",
        targetId: st.id,
        detail: { notified },
      },
      tx,
    );
  });
}

/** A statement shown on a page: a PHI read, audited. Pages under one profile pass it to keep to that profile. */
export async function viewStatement(p: Principal, id: string, opts: { profileId?: string } = {}) {
  const st = await getStatement(p, id);
  if (opts.profileId && st.profileId !== opts.profileId) throw new NotFoundError();
  await audit({
    action: "billing.statement_viewed",
    actor: p,
    profileId: st.profileId,
    targetType: "statement",
    targetId: st.id,
  });
  return st;
}
