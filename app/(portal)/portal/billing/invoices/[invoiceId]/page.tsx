import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { viewInvoice } from "@/lib/billing/invoices";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { InvoiceView } from "@/components/billing/invoice-view";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invoice" };

/** One invoice of the active profile (another profile's, or a draft, is 404: authorised in lib/billing). */
export default async function PortalInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  const { principal, profile } = await requirePortalContext();
  const invoice = await viewInvoice(principal, invoiceId, { profileId: profile.id }).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-6">
      <Link href="/portal/billing" className={buttonClass("link", "self-start")}>
        Back to billing
      </Link>
      <h1 className="text-2xl font-bold">Invoice {invoiceNumberLabel(invoice.number)}</h1>
      <InvoiceView invoice={invoice} />
      <a className={buttonClass("primary", "self-start")} href={`/api/billing/invoices/${invoice.id}/pdf`} download>
        Download PDF
      </a>
    </div>
  );
}
