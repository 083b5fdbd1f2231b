import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { invoices } from "@/db/schema";
import { recordPayment } from "@/lib/billing/invoices";
import { NotFoundError, ConflictError } from "@/lib/core/errors";

/**
 * The one seam between payments and billing (billing owns invoices): which invoices can be paid, their balance
 * due, and recording a card payment through billing's payment function. Payments never change an invoice directly.
 */
export type PayableInvoice = { id: string; number: number; profileId: string; status: string; totalCents: number; paidCents: number; balanceCents: number };

const PAYABLE = ["sent", "partially_paid"] as const;
/** What a client can see: sent invoices and their outcomes, never drafts. */
const VISIBLE = ["sent", "partially_paid", "paid", "void"] as const;

function toPayable(r: typeof invoices.$inferSelect): PayableInvoice {
  return { id: r.id, number: r.number, profileId: r.profileId, status: r.status, totalCents: r.totalCents, paidCents: r.paidCents, balanceCents: Math.max(0, r.totalCents - r.paidCents) };
}

/** An invoice of this profile the client may see; otherwise NotFoundError. */
export async function findInvoiceForProfile(profileId: string, invoiceId: string, on: DbOrTx = db): Promise<PayableInvoice> {
  const [row] = await on
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.profileId, profileId), inArray(invoices.status, [...VISIBLE])))
    .limit(1);
  if (!row) throw new NotFoundError();
  return toPayable(row);
}

/** Locks the invoice row for the rest of the transaction and checks it can take a payment. */
export async function lockPayableInvoice(tx: DbOrTx, profileId: string, invoiceId: string): Promise<PayableInvoice> {
  const [row] = await tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.id, invoiceId), eq(invoices.profileId, profileId), inArray(invoices.status, [...VISIBLE])))
    .for("update")
    .limit(1);
  if (!row) throw new NotFoundError();
  const inv = toPayable(row);
  if (!(PAYABLE as readonly string[]).includes(inv.status) || inv.balanceCents <= 0) throw new ConflictError("This invoice has nothing left to pay.");
  return inv;
}

/**
 * Records a card payment through billing's `recordPayment`, which updates the invoice (paid / partially paid).
 * Idempotent by the provider's payment id (payments.external_id is unique), so a redelivered webhook never
 * records twice. Returns the billing payment id.
 */
export async function recordCardPayment(
  tx: DbOrTx,
  input: { invoiceId: string; profileId: string; amountCents: number; externalId: string; recordedById: string | null },
): Promise<string> {
  const { payment } = await recordPayment(tx, { invoiceId: input.invoiceId, amountCents: input.amountCents, method: "card", externalId: input.externalId, recordedById: input.recordedById });
  return payment.id;
}
