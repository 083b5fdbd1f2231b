import Link from "next/link";
import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { formatCents } from "@/lib/billing/money";
import { invoiceNumberLabel, invoiceStatusLabel } from "@/lib/billing/format";
import { cardConsentText } from "@/lib/payments/consent";
import { viewPayInvoicePage } from "@/lib/payments/views";
import { paymentsMode, publishableKey } from "@/lib/payments";
import { AutoRefresh } from "@/components/payments/auto-refresh";
import { PayForm } from "@/components/payments/pay-form";
import { TestModeNotice } from "@/components/payments/test-mode-notice";
import { paySavedCardAction, payTestCardAction, startStripePaymentAction } from "@/lib/payments/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Pay invoice" };

/** Pay an invoice's balance due (docs/product.md, Payments). Outsiders and other profiles' invoices get 404. */
export default async function PayInvoicePage({ params }: { params: Promise<{ invoiceId: string }> }) {
  const { invoiceId } = await params;
  const { principal, profile } = await requirePortalContext();
  // This profile's invoice only (else 404), audited once (billing.invoice_viewed) by the page's data function.
  const { invoice, cards, practice, attempt } = await viewPayInvoicePage(principal, profile, invoiceId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const mode = paymentsMode();
  const payable = (invoice.status === "sent" || invoice.status === "partially_paid") && invoice.balanceCents > 0;
  const processing = attempt?.status === "processing" || attempt?.status === "requires_action";
  const receiptHref =
    attempt?.status === "succeeded" && attempt.billingPaymentId
      ? `/portal/billing/receipts/${attempt.billingPaymentId}`
      : null;
  const lastPaid =
    receiptHref && attempt ? (
      <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-brand-900">
        {invoice.status === "paid"
          ? "Payment received. Thank you! This invoice is paid."
          : `Payment of ${formatCents(attempt.amountCents)} received. Thank you! The rest can be paid below.`}{" "}
        <Link href={receiptHref} className="underline">
          View your receipt
        </Link>
      </p>
    ) : null;
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/portal/billing">Back to billing</BackLink>
      <h1 className="text-2xl font-bold">Pay invoice {invoiceNumberLabel(invoice.number)}</h1>
      {mode === "test" ? <TestModeNotice /> : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-lg border border-slate-300 bg-white p-4">
        <dt className="text-slate-700">Status</dt>
        <dd className="font-semibold" data-testid="invoice-status">
          {invoiceStatusLabel[invoice.status] ?? invoice.status}
        </dd>
        <dt className="text-slate-700">Total</dt>
        <dd>{formatCents(invoice.totalCents)}</dd>
        <dt className="text-slate-700">Paid</dt>
        <dd>{formatCents(invoice.paidCents)}</dd>
        <dt className="text-slate-700">Balance due</dt>
        <dd className="font-semibold" data-testid="balance-due">
          {formatCents(invoice.balanceCents)}
        </dd>
      </dl>
      {processing ? (
        <>
          <p role="status" className="rounded-md border border-slate-400 bg-white p-3">
            A payment for this invoice is processing. This page updates when it completes.
          </p>
          <AutoRefresh />
        </>
      ) : payable ? (
        <section aria-labelledby="pay-heading" className="flex flex-col gap-3">
          {lastPaid}
          <h2 id="pay-heading" className="text-xl font-semibold">
            Pay {formatCents(invoice.balanceCents)}
          </h2>
          <PayForm
            // A new balance (after a partial payment) starts a fresh form with the new amount.
            key={`${invoice.id}:${invoice.balanceCents}`}
            invoiceId={invoice.id}
            amountCents={invoice.balanceCents}
            cards={cards}
            mode={mode}
            publishableKey={publishableKey()}
            consentText={cardConsentText(practice.name)}
            actions={{
              paySavedCard: paySavedCardAction,
              payTestCard: payTestCardAction,
              startStripePayment: startStripePaymentAction,
            }}
          />
          <p className="text-sm text-slate-700">
            <Link href="/portal/billing/payment-method" className="font-medium text-brand-800 underline">
              Manage your cards
            </Link>
          </p>
        </section>
      ) : (
        (lastPaid ?? (
          <p role="status" className="rounded-md border border-brand-700 bg-brand-50 p-3 font-medium text-brand-900">
            {invoice.status !== "paid" ? "This invoice has nothing to pay." : "This invoice is paid. Thank you!"}{" "}
            <Link href={`/portal/billing/invoices/${invoice.id}`} className="underline">
              View the invoice and its receipts
            </Link>
          </p>
        ))
      )}
    </div>
  );
}
