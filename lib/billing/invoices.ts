import "server-only";
import { and, asc, desc, eq, getTableColumns, inArray, ne, count } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import {
  billingServices,
  clientProfiles,
  invoiceLines,
  invoices,
  payments,
  type Invoice,
  type InvoiceLine,
  type Payment,
} from "@/db/schema";
import { assertStaff, isStaff, type Principal, type StaffPrincipal } from "@/lib/core/principal";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { audit } from "@/lib/audit/write";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { getPracticeSettings } from "@/lib/practice/settings";
import { invoiceBalance, invoiceTotal, lineAmount } from "./money";
import { addDays, todayInZone } from "@/lib/core/time";
import { nextInvoiceNumber, uninvoicedServices } from "./internal/ledger";
import { notifyBillingDocument } from "@/lib/billing/internal/notify";
import { findServiceCode } from "./catalogue";

export type InvoiceSummary = Invoice & { balanceDueCents: number; profileName: string };
export type InvoiceDetail = InvoiceSummary & { lines: InvoiceLine[]; payments: Payment[] };

/** Clients never see drafts; staff see what their profile scope allows (docs/decisions.md, Code conventions: Data-layer authorisation). */
function visibleTo(p: Principal) {
  return isStaff(p) ? inProfileScope(p) : inProfileScope(p, ne(invoices.status, "draft"));
}

/**
 * A draft shows the balance it will have once sent (its total less nothing paid), the same figure its PDF prints;
 * only a void invoice owes nothing. What the client owes overall counts issued invoices only (`amountOwed`).
 */
const withBalance = (i: Invoice, profileName: string): InvoiceSummary => ({
  ...i,
  profileName,
  balanceDueCents: invoiceBalance(i),
});

/** The profile's invoices, newest number first: the list's one query, for any selection of its columns. */
function invoicesOf<S extends SelectedFields>(
  p: Principal,
  profileId: string,
  select: S,
  on: DbOrTx = db,
): ListQuery<S> {
  return on
    .select(select as SelectedFields)
    .from(invoices)
    .innerJoin(clientProfiles, eq(clientProfiles.id, invoices.profileId))
    .where(and(eq(invoices.profileId, profileId), visibleTo(p)))
    .orderBy(desc(invoices.number)) as unknown as ListQuery<S>;
}

const invoiceListFields = { ...getTableColumns(invoices), profileName: clientProfiles.legalName };

export async function listInvoices(p: Principal, profileId: string, on: DbOrTx = db): Promise<InvoiceSummary[]> {
  return withBalances(await invoicesOf(p, profileId, invoiceListFields, on));
}

/** The same list as one column of a page's single SELECT (db/json-list.ts); its rows go through `withBalances`. */
export function invoicesJson(p: Principal, profileId: string) {
  return jsonList(invoiceListFields, (row) => invoicesOf(p, profileId, { row }));
}

export function withBalances(rows: (Invoice & { profileName: string })[]): InvoiceSummary[] {
  return rows.map(({ profileName, ...i }) => withBalance(i, profileName));
}

/** One invoice with its lines and payments, or NotFoundError for anyone outside its profile. */
export async function getInvoice(p: Principal, invoiceId: string, on: DbOrTx = db): Promise<InvoiceDetail> {
  if (!isUuid(invoiceId)) throw new NotFoundError();
  const [row] = await on
    .select({ i: invoices, name: clientProfiles.legalName })
    .from(invoices)
    .innerJoin(clientProfiles, eq(clientProfiles.id, invoices.profileId))
    .where(and(eq(invoices.id, invoiceId), visibleTo(p)))
    .limit(1);
  if (!row) throw new NotFoundError();
  const lines = await on
    .select()
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId))
    .orderBy(asc(invoiceLines.position));
  const pays = await on
    .select()
    .from(payments)
    .where(eq(payments.invoiceId, invoiceId))
    .orderBy(asc(payments.receivedOn), asc(payments.createdAt));
  return { ...withBalance(row.i, row.name), lines, payments: pays };
}

/** A client's view of an invoice in the portal is a PHI read: audited. */
export async function viewInvoice(
  p: Principal,
  invoiceId: string,
  opts: { profileId?: string } = {},
): Promise<InvoiceDetail> {
  const inv = await getInvoice(p, invoiceId);
  // Pages under one profile show only that profile's invoices.
  if (opts.profileId && inv.profileId !== opts.profileId) throw new NotFoundError();
  await audit({
    action: "billing.invoice_viewed",
    actor: p,
    profileId: inv.profileId,
    targetType: "invoice",
    targetId: inv.id,
  });
  return inv;
}

/** Staff lock an invoice for change (row lock) after checking scope; NotFoundError when it is not theirs. */
export async function lockInvoice(p: StaffPrincipal, tx: DbOrTx, invoiceId: string): Promise<Invoice> {
  assertStaff(p);
  if (!isUuid(invoiceId)) throw new NotFoundError();
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update").limit(1);
  if (!inv) throw new NotFoundError();
  await findProfile(p, inv.profileId, tx);
  return inv;
}

async function recomputeTotal(tx: DbOrTx, invoiceId: string): Promise<number> {
  const lines = await tx
    .select({ units: invoiceLines.units, unitFeeCents: invoiceLines.unitFeeCents })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, invoiceId));
  const total = invoiceTotal(lines);
  await tx.update(invoices).set({ totalCents: total }).where(eq(invoices.id, invoiceId));
  return total;
}

/**
 * A draft invoice from the profile's uninvoiced services (those chosen, or all of them when none is chosen and
 * `allIfNone`); with no services it starts empty, for manual lines.
 */
export async function createInvoice(
  p: StaffPrincipal,
  input: { profileId: string; serviceIds: string[] },
): Promise<Invoice> {
  assertStaff(p);
  return db.transaction(async (tx) => {
    const profile = await findProfile(p, input.profileId, tx);
    const services = input.serviceIds.length ? await uninvoicedServices(tx, profile.id, input.serviceIds) : [];
    if (services.length !== input.serviceIds.length)
      throw new ConflictError("Some of those services are already on an invoice. Reload the page and try again.");
    const number = await nextInvoiceNumber(tx);
    const [inv] = await tx
      .insert(invoices)
      .values({ number, profileId: profile.id, status: "draft", createdById: p.userId, createdAt: now() })
      .returning();
    let position = 0;
    for (const s of services) {
      const code = await findServiceCode(s.cptCode, tx);
      const mods = s.modifiers.length ? ` (${s.modifiers.join(", ")})` : "";
      await tx.insert(invoiceLines).values({
        invoiceId: inv.id,
        serviceId: s.id,
        position: position++,
        dateOfService: s.dateOfService,
        cptCode: s.cptCode,
        description: `${code?.description ?? "Service"}${mods}`,
        units: s.units,
        unitFeeCents: s.unitFeeCents,
        amountCents: lineAmount(s.units, s.unitFeeCents),
      });
    }
    if (services.length) {
      await tx
        .update(billingServices)
        .set({ invoiceId: inv.id })
        .where(
          inArray(
            billingServices.id,
            services.map((s) => s.id),
          ),
        );
    }
    const totalCents = await recomputeTotal(tx, inv.id);
    await audit(
      {
        action: "billing.invoice_created",
        actor: p,
        profileId: profile.id,
        targetType: "invoice",
        targetId: inv.id,
        detail: { lines: services.length },
      },
      tx,
    );
    return { ...inv, totalCents };
  });
}

export async function addManualLine(
  p: StaffPrincipal,
  input: { invoiceId: string; description: string; units: number; fee: number },
): Promise<void> {
  await db.transaction(async (tx) => {
    const inv = await lockInvoice(p, tx, input.invoiceId);
    if (inv.status !== "draft") throw new ConflictError("Only a draft invoice can be changed.");
    const [{ n }] = await tx.select({ n: count() }).from(invoiceLines).where(eq(invoiceLines.invoiceId, inv.id));
    await tx.insert(invoiceLines).values({
      invoiceId: inv.id,
      position: Number(n),
      description: input.description,
      units: input.units,
      unitFeeCents: input.fee,
      amountCents: lineAmount(input.units, input.fee),
    });
    await recomputeTotal(tx, inv.id);
    await audit(
      {
        action: "billing.invoice_line_added",
        actor: p,
        profileId: inv.profileId,
        targetType: "invoice",
        targetId: inv.id,
      },
      tx,
    );
  });
}

export async function removeLine(p: StaffPrincipal, input: { invoiceId: string; lineId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const inv = await lockInvoice(p, tx, input.invoiceId);
    if (inv.status !== "draft") throw new ConflictError("Only a draft invoice can be changed.");
    const [line] = await tx
      .delete(invoiceLines)
      .where(and(eq(invoiceLines.id, input.lineId), eq(invoiceLines.invoiceId, inv.id)))
      .returning();
    if (!line) throw new NotFoundError();
    if (line.serviceId)
      await tx.update(billingServices).set({ invoiceId: null }).where(eq(billingServices.id, line.serviceId));
    await recomputeTotal(tx, inv.id);
    await audit(
      {
        action: "billing.invoice_line_removed",
        actor: p,
        profileId: inv.profileId,
        targetType: "invoice",
        targetId: inv.id,
      },
      tx,
    );
  });
}

/** Draft → sent: dated today in the practice's time zone, due in 30 days; the profile's users are emailed. */
export async function sendInvoice(p: StaffPrincipal, invoiceId: string): Promise<Invoice> {
  return db.transaction(async (tx) => {
    const inv = await lockInvoice(p, tx, invoiceId);
    if (inv.status !== "draft") throw new ConflictError("This invoice was already sent.");
    const total = await recomputeTotal(tx, inv.id);
    if (total <= 0) throw new ValidationError("Add at least one line before sending the invoice.");
    const practice = await getPracticeSettings(tx);
    const today = todayInZone(now(), practice.timeZone);
    await tx
      .update(invoices)
      .set({ status: "sent", issuedOn: today, dueOn: addDays(today, 30), sentAt: now() })
      .where(eq(invoices.id, inv.id));
    const notified = await notifyBillingDocument(tx, inv.profileId);
    await audit(
      {
        action: "billing.invoice_sent",
        actor: p,
        profileId: inv.profileId,
        targetType: "invoice",
        targetId: inv.id,
        detail: { notified },
      },
      tx,
    );
    return inv;
  });
}

/** Void: only without payments; its services become uninvoiced again so they can be billed anew. */
export async function voidInvoice(p: StaffPrincipal, invoiceId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const inv = await lockInvoice(p, tx, invoiceId);
    if (inv.status === "void") return;
    if (inv.paidCents > 0) throw new ConflictError("This invoice has payments recorded; it cannot be voided.");
    await tx.update(invoices).set({ status: "void", voidedAt: now() }).where(eq(invoices.id, inv.id));
    await tx.update(billingServices).set({ invoiceId: null }).where(eq(billingServices.invoiceId, inv.id));
    await audit(
      { action: "billing.invoice_voided", actor: p, profileId: inv.profileId, targetType: "invoice", targetId: inv.id },
      tx,
    );
  });
}

/** For the dashboard to-do list: sent invoices not yet fully paid, within the principal's scope. */
/** Sent invoices with a balance due across the principal's clients, oldest first (the dashboard to-do). */
export async function listUnpaidInvoices(p: StaffPrincipal, on: DbOrTx = db): Promise<InvoiceSummary[]> {
  assertStaff(p);
  const rows = await on
    .select({ i: invoices, name: clientProfiles.legalName })
    .from(invoices)
    .innerJoin(clientProfiles, eq(clientProfiles.id, invoices.profileId))
    .where(inProfileScope(p, inArray(invoices.status, ["sent", "partially_paid"])))
    .orderBy(asc(invoices.issuedOn), asc(invoices.number));
  return rows.map((r) => withBalance(r.i, r.name));
}

export async function countUnpaidInvoices(p: Principal, on: DbOrTx = db): Promise<number> {
  const [row] = await on
    .select({ n: count() })
    .from(invoices)
    .innerJoin(clientProfiles, eq(clientProfiles.id, invoices.profileId))
    .where(inProfileScope(p, inArray(invoices.status, ["sent", "partially_paid"])));
  return Number(row?.n ?? 0);
}
