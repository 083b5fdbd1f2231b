import Link from "next/link";
import type { Receipt, ReceiptSummary } from "@/lib/payments/receipts";
import { formatCents, invoiceBalance } from "@/lib/billing/money";
import { formatDate, formatDateTime } from "@/lib/core/time";
import { invoiceNumberLabel, invoiceStatusLabel } from "@/lib/billing/format";
import { paymentMethodLabel } from "@/lib/billing/schemas";
import { cardLabel } from "@/lib/payments/test-cards";

/** One payment's receipt, the same for the client and for staff (docs/decisions.md, Money: receipts). */
export function ReceiptView({ r, invoiceHref }: { r: Receipt; invoiceHref: string }) {
  const tz = r.practice.timeZone;
  return (
    <article
      aria-labelledby="receipt-heading"
      className="flex flex-col gap-4 rounded-lg border border-slate-300 bg-white p-4"
      data-testid="receipt"
    >
      <header className="flex flex-col gap-1">
        <p className="text-lg font-semibold text-slate-900">{r.practice.legalName ?? r.practice.name}</p>
        {r.practice.address.map((l) => (
          <p key={l} className="text-slate-800">
            {l}
          </p>
        ))}
        {r.practice.phone ? (
          <p className="text-slate-800">
            Phone: <a href={`tel:${r.practice.phone.replace(/[^\d+]/g, "")}`}>{r.practice.phone}</a>
          </p>
        ) : null}
      </header>
      <h2 id="receipt-heading" className="text-xl font-semibold">
        Receipt for {formatCents(r.amountCents)}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-800">Amount paid</dt>
        <dd data-testid="receipt-amount" className="font-semibold">
          {formatCents(r.amountCents)}
        </dd>
        <dt className="font-medium text-slate-800">Date received</dt>
        <dd>{formatDate(r.receivedOn)}</dd>
        <dt className="font-medium text-slate-800">Recorded</dt>
        <dd>{formatDateTime(r.recordedAt, tz)}</dd>
        <dt className="font-medium text-slate-800">Paid by</dt>
        <dd data-testid="receipt-method">
          {r.card ? cardLabel(r.card.brand, r.card.last4) : paymentMethodLabel(r.method)}
          {r.reference ? ` (${r.reference})` : ""}
        </dd>
        <dt className="font-medium text-slate-800">For</dt>
        <dd>{r.profileName}</dd>
        <dt className="font-medium text-slate-800">Invoice</dt>
        <dd>
          <Link href={invoiceHref} className="font-medium text-brand-800 underline">
            {invoiceNumberLabel(r.invoiceNumber)}
          </Link>{" "}
          ({invoiceStatusLabel[r.invoiceStatus] ?? r.invoiceStatus})
        </dd>
        <dt className="font-medium text-slate-800">Invoice balance now</dt>
        <dd data-testid="receipt-balance">
          {formatCents(
            invoiceBalance({ status: r.invoiceStatus, totalCents: r.invoiceTotalCents, paidCents: r.invoicePaidCents }),
          )}
        </dd>
      </dl>
      <p className="text-sm text-slate-700">Thank you. Keep this receipt for your records.</p>
    </article>
  );
}

/** A list of payments, each linking to its receipt. */
export function ReceiptList({ receipts, href }: { receipts: ReceiptSummary[]; href: (id: string) => string }) {
  if (receipts.length === 0) return <p className="text-slate-700">No payments yet.</p>;
  return (
    <ul className="flex flex-col gap-2" aria-label="Payments">
      {receipts.map((p) => (
        <li key={p.id} className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="receipt-row">
          <span>
            {formatDate(p.receivedOn)} · {formatCents(p.amountCents)} · {paymentMethodLabel(p.method)} ·{" "}
            {invoiceNumberLabel(p.invoiceNumber)}
          </span>
          <Link href={href(p.id)} className="font-medium text-brand-800 underline">
            Receipt
            <span className="sr-only">
              {" "}
              for {formatCents(p.amountCents)} on {formatDate(p.receivedOn)}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
