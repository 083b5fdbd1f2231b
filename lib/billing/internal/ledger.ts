import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { execRows, type DbOrTx } from "@/db";
import { billingCounters, billingServices, type BillingService } from "@/db/schema";

/**
 * Invoice numbering and the services not yet on an invoice. Neither takes a principal: lib/billing/invoices.ts
 * checks the staff member's scope first, so these live in internal/ where nothing outside billing can reach them.
 */
/**
 * The next invoice number for the practice: one atomic upsert on the counter row, so concurrent transactions
 * queue on its row lock and never get the same number (a unique index backs this up).
 */
export async function nextInvoiceNumber(tx: DbOrTx): Promise<number> {
  const rows = await execRows<{ value: number }>(
    sql`insert into ${billingCounters} (name, value) values ('invoice', 1)
        on conflict (name) do update set value = ${billingCounters}.value + 1 returning value`,
    tx,
  );
  return Number(rows[0].value);
}

/** Uninvoiced services of the profile among `ids` (all of them when `ids` is empty), oldest first. */
export async function uninvoicedServices(tx: DbOrTx, profileId: string, ids: string[]): Promise<BillingService[]> {
  const where = [eq(billingServices.profileId, profileId), isNull(billingServices.invoiceId)];
  if (ids.length) where.push(inArray(billingServices.id, ids));
  return tx
    .select()
    .from(billingServices)
    .where(and(...where))
    .orderBy(asc(billingServices.dateOfService), asc(billingServices.createdAt));
}
