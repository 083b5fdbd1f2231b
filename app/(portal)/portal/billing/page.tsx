import Link from "next/link";
import { requirePortalContext } from "@/lib/auth/guards";
import { getPortalBilling } from "@/lib/billing/overview";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/billing/dates";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { Section } from "@/components/ui/section";
import { StatusBadge } from "@/components/billing/status-badge";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Billing" };

/** Portal → Billing: invoices, statements and superbills sent to the active profile, with the balance due. */
export default async function PortalBillingPage() {
  const { principal, profile } = await requirePortalContext();
  const { invoices, statements, superbills, balanceDueCents } = await getPortalBilling(principal, profile.id);
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
        {invoices.length === 0 ? (
          <p className="text-slate-700">No invoices yet.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {invoices.map((i) => (
              <li key={i.id} className="flex flex-col gap-2 border-b border-slate-200 pb-3" data-testid="portal-invoice">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">Invoice {invoiceNumberLabel(i.number)}</span>
                  <StatusBadge status={i.status} />
                </div>
                <p className="text-slate-800">
                  Issued {formatDate(i.issuedOn)} · Total {formatCents(i.totalCents)} · Balance due <strong>{formatCents(i.balanceDueCents)}</strong>
                </p>
                <div className="flex flex-wrap gap-2">
                  {i.balanceDueCents > 0 ? (
                    <Link className={buttonClass("primary")} href={`/portal/billing/pay/${i.id}`}>
                      Pay invoice {invoiceNumberLabel(i.number)}
                    </Link>
                  ) : null}
                  <Link className={buttonClass("secondary")} href={`/portal/billing/invoices/${i.id}`}>
                    View invoice {invoiceNumberLabel(i.number)}
                  </Link>
                  <a className={buttonClass("secondary")} href={`/api/billing/invoices/${i.id}/pdf`} download>
                    Download PDF of invoice {invoiceNumberLabel(i.number)}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Statements" id="statements">
        {statements.length === 0 ? (
          <p className="text-slate-700">No statements yet.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {statements.map((s) => (
              <li key={s.id} className="flex flex-col gap-2 border-b border-slate-200 pb-3">
                <p className="text-slate-800">
                  {formatDate(s.periodStart)} to {formatDate(s.periodEnd)} · Closing balance {formatCents(s.closingBalanceCents)}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Link className={buttonClass("secondary")} href={`/portal/billing/statements/${s.id}`}>
                    View statement for {formatDate(s.periodStart)} to {formatDate(s.periodEnd)}
                  </Link>
                  <a className={buttonClass("secondary")} href={`/api/billing/statements/${s.id}/pdf`} download>
                    Download statement for {formatDate(s.periodStart)} to {formatDate(s.periodEnd)}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Superbills" id="superbills">
        <p className="text-sm text-slate-700">A superbill is a receipt you can submit to your insurance company for reimbursement.</p>
        {superbills.length === 0 ? (
          <p className="text-slate-700">No superbills yet.</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {superbills.map((s) => (
              <li key={s.id} className="flex flex-col gap-2 border-b border-slate-200 pb-3">
                <p className="text-slate-800">
                  Services {formatDate(s.periodStart)} to {formatDate(s.periodEnd)} · Fees {formatCents(s.totalCents)} · Paid {formatCents(s.paidCents)}
                </p>
                <div className="flex flex-wrap gap-2">
                  <Link className={buttonClass("secondary")} href={`/portal/billing/superbills/${s.id}`}>
                    View superbill for {formatDate(s.periodStart)} to {formatDate(s.periodEnd)}
                  </Link>
                  <a className={buttonClass("secondary")} href={`/api/billing/superbills/${s.id}/pdf`} download>
                    Download superbill for {formatDate(s.periodStart)} to {formatDate(s.periodEnd)}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
