import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { clientProfiles, invoices, paymentIntents, payments, paymentMethods } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { isStaff, type Principal } from "@/lib/core/principal";
import { NotFoundError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { inProfileScope } from "@/lib/profiles/access";
import { getPracticeSettings } from "@/lib/practice/settings";
import { practiceAddress } from "@/lib/billing/superbills";

/**
 * Receipts: one per payment (card or recorded by staff), shown in the portal and to staff on the client's billing
 * pages. Scoped in the where clause like every billing read: a client sees the payments of the profiles they
 * reach, staff those of their clients; anyone else gets NotFoundError. A card's brand and last 4 are shown to staff
 * and to the person whose card it was, never to the other partner of a couple (docs/decisions.md, Money).
 */
export type Receipt = {
  id: string;
  amountCents: number;
  method: string;
  reference: string | null;
  receivedOn: string;
  recordedAt: Date;
  invoiceId: string;
  invoiceNumber: number;
  invoiceStatus: string;
  invoiceTotalCents: number;
  invoicePaidCents: number;
  profileId: string;
  profileName: string;
  card: { brand: string; last4: string } | null;
  practice: { name: string; legalName: string | null; address: string[]; phone: string | null; timeZone: string };
};

const payerOf = sql<
  string | null
>`coalesce(${paymentIntents.initiatedByUserId}::text, (select ${paymentMethods.ownerUserId}::text from ${paymentMethods} where ${paymentMethods.id} = ${paymentIntents.paymentMethodId}))`;

async function findReceipt(p: Principal, paymentId: string, on: DbOrTx = db): Promise<Receipt> {
  if (!isUuid(paymentId)) throw new NotFoundError();
  const [row] = await on
    .select({
      pay: payments,
      inv: invoices,
      name: clientProfiles.legalName,
      brand: paymentIntents.brand,
      last4: paymentIntents.last4,
      payer: payerOf,
    })
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(clientProfiles, eq(clientProfiles.id, payments.profileId))
    .leftJoin(paymentIntents, sql`${paymentIntents.billingPaymentId} = ${payments.id}::text`)
    .where(inProfileScope(p, eq(payments.id, paymentId)))
    .limit(1);
  if (!row) throw new NotFoundError();
  const s = await getPracticeSettings(on);
  const showCard = row.brand && row.last4 && (isStaff(p) || row.payer === p.userId);
  return {
    id: row.pay.id,
    amountCents: row.pay.amountCents,
    method: row.pay.method,
    reference: row.pay.reference,
    receivedOn: row.pay.receivedOn,
    recordedAt: row.pay.createdAt,
    invoiceId: row.inv.id,
    invoiceNumber: row.inv.number,
    invoiceStatus: row.inv.status,
    invoiceTotalCents: row.inv.totalCents,
    invoicePaidCents: row.inv.paidCents,
    profileId: row.pay.profileId,
    profileName: row.name,
    card: showCard ? { brand: row.brand!, last4: row.last4! } : null,
    practice: {
      name: s.name,
      legalName: s.legalName,
      address: practiceAddress(s),
      phone: s.phone,
      timeZone: s.timeZone,
    },
  };
}

/**
 * A receipt shown on a page: a PHI read, audited as a view of its invoice (the receipt is part of it). Staff pages
 * under one client pass `profileId` so a receipt is shown only under its own client.
 */
export async function viewReceipt(p: Principal, paymentId: string, opts: { profileId?: string } = {}) {
  const r = await findReceipt(p, paymentId);
  if (opts.profileId && r.profileId !== opts.profileId) throw new NotFoundError();
  await audit({
    action: "billing.invoice_viewed",
    actor: p,
    profileId: r.profileId,
    targetType: "invoice",
    targetId: r.invoiceId,
    detail: { purpose: "receipt", paymentId: r.id },
  });
  return r;
}

export type ReceiptSummary = {
  id: string;
  amountCents: number;
  receivedOn: string;
  method: string;
  invoiceId: string;
  invoiceNumber: number;
};

/** A profile's payments, newest first, for the billing pages' receipt lists (scoped; the page audits its view). */
export async function listReceipts(p: Principal, profileId: string, on: DbOrTx = db): Promise<ReceiptSummary[]> {
  if (!isUuid(profileId)) throw new NotFoundError();
  return receiptsOf(p, profileId, receiptFields, on);
}

const receiptFields = {
  id: payments.id,
  amountCents: payments.amountCents,
  receivedOn: payments.receivedOn,
  method: payments.method,
  invoiceId: payments.invoiceId,
  invoiceNumber: invoices.number,
};

/** The list's one query, for any selection of its columns. */
function receiptsOf<S extends SelectedFields>(
  p: Principal,
  profileId: string,
  select: S,
  on: DbOrTx = db,
): ListQuery<S> {
  return on
    .select(select as SelectedFields)
    .from(payments)
    .innerJoin(invoices, eq(invoices.id, payments.invoiceId))
    .innerJoin(clientProfiles, eq(clientProfiles.id, payments.profileId))
    .where(inProfileScope(p, and(eq(payments.profileId, profileId))))
    .orderBy(desc(payments.receivedOn), desc(payments.createdAt)) as unknown as ListQuery<S>;
}

/** The same list as one column of a page's single SELECT (db/json-list.ts). */
export function receiptsJson(p: Principal, profileId: string) {
  return jsonList(receiptFields, (row) => receiptsOf(p, profileId, { row }));
}
