import { requirePortalContext } from "@/lib/auth/guards";
import { viewInvoice } from "@/lib/billing/invoices";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { InvoiceView } from "@/components/billing/invoice-view";
import { BillingDocumentPage, loadOrNotFound } from "@/components/billing/document-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invoice" };

/** One invoice of the active profile (another profile's, or a draft, is 404: authorised in lib/billing). */
export default async function PortalInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  const { principal, profile } = await requirePortalContext();
  const invoice = await loadOrNotFound(viewInvoice(principal, invoiceId, { profileId: profile.id }));
  return (
    <BillingDocumentPage
      heading={`Invoice ${invoiceNumberLabel(invoice.number)}`}
      pdfHref={`/api/billing/invoices/${invoice.id}/pdf`}
    >
      <InvoiceView invoice={invoice} receiptHref={(id) => `/portal/billing/receipts/${id}`} />
    </BillingDocumentPage>
  );
}
