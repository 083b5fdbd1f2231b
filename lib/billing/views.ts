import "server-only";
import { audit } from "@/lib/audit/write";
import type { StaffPrincipal } from "@/lib/core/principal";
import { listUnpaidInvoices } from "./invoices";

/**
 * The dashboard's unpaid-invoices page: client names with amounts owed are PHI, so each view writes one
 * billing.invoice_list row with the invoice and profile ids shown (never names or amounts).
 */
export async function viewUnpaidInvoices(p: StaffPrincipal) {
  const invoices = await listUnpaidInvoices(p);
  await audit({
    action: "billing.invoice_list",
    actor: p,
    targetType: "invoice",
    detail: { invoiceIds: invoices.map((i) => i.id), profileIds: [...new Set(invoices.map((i) => i.profileId))] },
  });
  return invoices;
}
