import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { invoices, payments, type Invoice, type Payment } from "@/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { now } from "@/lib/core/clock";
import { checkPayment, receivedOnProblem, statusAfterPayment } from "@/lib/billing/money";
import { todayInZone } from "@/lib/core/time";
import { getPracticeSettings } from "@/lib/practice/settings";

/**
 * The ledger: the one way a payment is recorded against an invoice (card payments and staff's manual payments
 * alike), and which invoices can take one. Nothing here takes a principal, so it lives in internal/: only
 * lib/payments/ may call it, after its own authorisation (a verified webhook, a client's own invoice, staff scope).
 */
export type PayableInvoice = {
  id: string;
  number: number;
  profileId: string;
  status: string;
  totalCents: number;
  paidCents: number;
  balanceCents: number;
};

const PAYABLE = ["sent", "partially_paid"] as const;
/** What a client can see: sent invoices and their outcomes, never drafts. */
const VISIBLE = ["sent", "partially_paid", "paid", "void"] as const;

function toPayable(r: typeof invoices.$inferSelect): PayableInvoice {
  return {
    id: r.id,
    number: r.number,
    profileId: r.profileId,
    status: r.status,
    totalCents: r.totalCents,
    paidCents: r.paidCents,
    balanceCents: Math.max(0, r.totalCents - r.paidCents),
  };
}

/** An invoice of this profile the client may see; otherwise NotFoundError. */
export async function findPayableInvoice(
  profileId: string,
  invoiceId: string,
  on: DbOrTx = db,
): Promise<PayableInvoice> {
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
  if (!(PAYABLE as readonly string[]).includes(inv.status) || inv.balanceCents <= 0)
    throw new ConflictError("This invoice has nothing left to pay.");
  return inv;
}

export type RecordPaymentInput = {
  invoiceId: string;
  amountCents: number;
  method: "cash" | "cheque" | "outside_card" | "card";
  /** Provider id (Stripe PaymentIntent): a second call with the same id returns the first payment. */
  externalId?: string | null;
  receivedOn?: string;
  reference?: string | null;
  recordedById?: string | null;
};

/**
 * THE way a payment is recorded (staff's manual payments and card payments alike). Call it inside the
 * transaction that caused it; it locks the invoice, checks the amount against the balance, inserts the payment
 * and sets paid cents and status (sent / partially paid / paid). Authorisation is the caller's job.
 */
export async function recordPayment(
  tx: DbOrTx,
  input: RecordPaymentInput,
): Promise<{ payment: Payment; invoice: Invoice; duplicate: boolean }> {
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, input.invoiceId)).for("update").limit(1);
  if (!inv) throw new NotFoundError();
  if (input.externalId) {
    const [existing] = await tx.select().from(payments).where(eq(payments.externalId, input.externalId)).limit(1);
    if (existing) return { payment: existing, invoice: inv, duplicate: true };
  }
  if (inv.status !== "sent" && inv.status !== "partially_paid")
    throw new ConflictError(
      inv.status === "paid" ? "This invoice is already paid." : "Payments can only be recorded on a sent invoice.",
    );
  const problem = checkPayment(inv.totalCents, inv.paidCents, input.amountCents);
  if (problem) throw new ValidationError(problem, { amount: [problem] });
  const practice = await getPracticeSettings(tx);
  const today = todayInZone(now(), practice.timeZone);
  // Money cannot arrive in the future (the practice's day): a payment dated ahead would drop today's balance
  // while statements ending today left it out, so they would not add up (docs/decisions.md, Money).
  const dated = receivedOnProblem(input.receivedOn, today);
  if (dated) throw new ValidationError(dated, { receivedOn: [dated] });
  const [payment] = await tx
    .insert(payments)
    .values({
      invoiceId: inv.id,
      profileId: inv.profileId,
      amountCents: input.amountCents,
      method: input.method,
      receivedOn: input.receivedOn ?? today,
      reference: input.reference || null,
      externalId: input.externalId ?? null,
      recordedById: input.recordedById ?? null,
      createdAt: now(),
    })
    .returning();
  const paidCents = inv.paidCents + input.amountCents;
  const [updated] = await tx
    .update(invoices)
    .set({ paidCents, status: statusAfterPayment(inv.totalCents, paidCents) })
    .where(eq(invoices.id, inv.id))
    .returning();
  return { payment, invoice: updated, duplicate: false };
}
