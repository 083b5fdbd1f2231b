import { requirePagePrincipal } from "@/lib/auth/guards";
import { viewUnpaidInvoices } from "@/lib/billing/views";
import { InvoiceTable } from "@/components/billing/invoice-table";

export const dynamic = "force-dynamic";
export const metadata = { title: "Unpaid invoices" };

/** Sent invoices with a balance due across the clinician's clients (the admin sees all): the to-do's target. */
export default async function UnpaidInvoicesPage() {
  const principal = await requirePagePrincipal("staff");
  const invoices = await viewUnpaidInvoices(principal);
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">Unpaid invoices</h1>
      {invoices.length === 0 ? (
        <p className="text-slate-700">Every sent invoice is paid.</p>
      ) : (
        <InvoiceTable
          label="Unpaid invoices"
          rows={invoices}
          columns={["invoice", "client", "issued", "status", "balance"]}
          href={(i) => `/dashboard/clients/${i.profileId}/billing/invoices/${i.id}`}
          amountsRight
        />
      )}
    </div>
  );
}
