import Link from "next/link";
import { requirePortalContext } from "@/lib/auth/guards";
import { getPortalBilling } from "@/lib/dashboard/portal-billing";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/core/time";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { Section } from "@/components/ui/section";
import { StatusBadge } from "@/components/billing/status-badge";
import { BillingList, PdfDownloadLink, StatementList, SuperbillList } from "@/components/billing/billing-list";
import { buttonClass } from "@/components/ui/button";
import { ReceiptList } from "@/components/payments/receipt-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Billing" };

/** Portal → Billing: invoices, statements and superbills sent to the active profile, with the balance due. */
export default async function PortalBillingPage() {
  const { principal, profile } = await requirePortalContext();
  const { invoices, receipts, statements, superbills, balanceDueCents } = await getPortalBilling(principal, profile.id);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Billing</h1>
        <p className="text-slate-700">
          Balance due: <strong data-testid="portal-balance-due">{formatCents(balanceDueCents)}</strong>
        </p>
        <p>
          <Link href="/portal/billing/payment-method" className="font-medium text-brand-800 underline">
            Payment method (card on file)
          </Link>
        </p>
      </div>

      <Section title="Invoices" id="invoices">
        <BillingList
          items={invoices}
          emptyText="No invoices yet."
          itemTestId="portal-invoice"
          summary={(i) => (
            <>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-semibold">Invoice {invoiceNumberLabel(i.number)}</span>
                <StatusBadge status={i.status} />
              </div>
              <p className="text-slate-800">
                Issued {formatDate(i.issuedOn)} · Total {formatCents(i.totalCents)} · Balance due{" "}
                <strong>{formatCents(i.balanceDueCents)}</strong>
              </p>
            </>
          )}
          actions={(i) => (
            <>
              {i.balanceDueCents > 0 ? (
                <Link className={buttonClass("primary")} href={`/portal/billing/pay/${i.id}`}>
                  Pay invoice {invoiceNumberLabel(i.number)}
                </Link>
              ) : null}
              <Link className={buttonClass("secondary")} href={`/portal/billing/invoices/${i.id}`}>
                View invoice {invoiceNumberLabel(i.number)}
              </Link>
              <PdfDownloadLink kind="invoices" id={i.id}>
                Download PDF of invoice {invoiceNumberLabel(i.number)}
              </PdfDownloadLink>
            </>
          )}
        />
      </Section>

      <Section title="Payments and receipts" id="payments">
        <ReceiptList receipts={receipts} href={(id) => `/portal/billing/receipts/${id}`} />
      </Section>

      <Section title="Statements" id="statements">
        <StatementList statements={statements} audience="client" />
      </Section>

      <Section title="Superbills" id="superbills">
        <p className="text-sm text-slate-700">
          A superbill is a receipt you can submit to your insurance company for reimbursement.
        </p>
        <SuperbillList superbills={superbills} audience="client" />
      </Section>
    </div>
  );
}
