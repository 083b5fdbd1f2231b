import "server-only";
import type { Principal } from "@/lib/core/principal";
import { defaultCardForStaff } from "@/lib/payments/cards";
import { paymentsMode } from "@/lib/payments";
import { getPracticeSettings } from "@/lib/practice/settings";
import { viewInvoice } from "@/lib/billing/invoices";

/**
 * The staff invoice page's data: the invoice (scoped; viewInvoice writes the one billing.invoice_viewed row),
 * the practice settings and, when a balance is open, the client's default card for "Charge card on file".
 */
export async function viewStaffInvoicePage(p: Principal, invoiceId: string, profileId: string) {
  const invoice = await viewInvoice(p, invoiceId, { profileId });
  const chargeable =
    (invoice.status === "sent" || invoice.status === "partially_paid") && invoice.totalCents > invoice.paidCents;
  const [practice, card] = await Promise.all([
    getPracticeSettings(),
    chargeable ? defaultCardForStaff(p, invoice.profileId) : Promise.resolve(null),
  ]);
  return { invoice, practice, card, testMode: paymentsMode() === "test" };
}
