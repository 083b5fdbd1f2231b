import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { invoices, payments } from "@/db/schema";
import { NotFoundError, ConflictError } from "@/lib/errors";
import { now } from "@/lib/clock";

/**
 * The one seam between payments and billing (issue 7 owns invoices): which invoices can be paid, their balance
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
 * Records a card payment on the invoice. Idempotent by the provider's payment id (payments.external_id is unique),
 * so a redelivered webhook can never record twice. Returns the billing payment id.
 */
export async function recordCardPayment(
  tx: DbOrTx,
  input: { invoiceId: string; profileId: string; amountCents: number; externalId: string; recordedById: string | null },
): Promise<string> {
  const [existing] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.externalId, input.externalId)).limit(1);
  if (existing) return existing.id;
  // TODO(billing merge): replace with lib/billing's recordPayment once it lands on the billing branch.
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).for("update").limit(1);
  if (!inv) throw new NotFoundError();
  const [p] = await tx
    .insert(payments)
    .values({ invoiceId: inv.id, profileId: inv.profileId, amountCents: input.amountCents, method: "card", receivedOn: now().toISOString().slice(0, 10), externalId: input.externalId, recordedById: input.recordedById, createdAt: now() })
    .returning({ id: payments.id });
  const paid = inv.paidCents + input.amountCents;
  await tx
    .update(invoices)
    .set({ paidCents: sql`${paid}`, status: paid >= inv.totalCents ? "paid" : "partially_paid" })
    .where(eq(invoices.id, inv.id));
  return p.id;
}
