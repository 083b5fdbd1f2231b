import type { InvoiceDetail } from "@/lib/billing/invoices";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/core/time";
import { paymentMethodLabel } from "@/lib/billing/schemas";
import { TableBox, td, th } from "@/components/ui/section";
import { StatusBadge } from "./status-badge";
import type { ReactNode } from "react";
import Link from "next/link";

/** An invoice's lines, payments and balance, as staff and the client see it. `lineAction` adds a cell per line. */
export function InvoiceView({
  invoice,
  lineAction,
  receiptHref,
}: {
  invoice: InvoiceDetail;
  lineAction?: (lineId: string) => ReactNode;
  /** Where each payment's receipt is (the portal's or staff's receipt page). */
  receiptHref?: (paymentId: string) => string;
}) {
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-800">Status</dt>
        <dd>
          <StatusBadge status={invoice.status} />
        </dd>
        <dt className="font-medium text-slate-800">Issued</dt>
        <dd>{invoice.issuedOn ? formatDate(invoice.issuedOn) : "Not yet sent"}</dd>
        {invoice.dueOn ? (
          <>
            <dt className="font-medium text-slate-800">Due</dt>
            <dd>{formatDate(invoice.dueOn)}</dd>
          </>
        ) : null}
        <dt className="font-medium text-slate-800">Total</dt>
        <dd data-testid="invoice-total">{formatCents(invoice.totalCents)}</dd>
        <dt className="font-medium text-slate-800">Paid</dt>
        <dd>{formatCents(invoice.paidCents)}</dd>
        <dt className="font-medium text-slate-800">Balance due</dt>
        <dd data-testid="invoice-balance" className="font-semibold">
          {formatCents(invoice.balanceDueCents)}
        </dd>
      </dl>
      {invoice.lines.length === 0 ? (
        <p className="text-slate-700">No lines yet.</p>
      ) : (
        <TableBox label="Invoice lines">
          <thead>
            <tr>
              <th className={th}>Date of service</th>
              <th className={th}>CPT</th>
              <th className={th}>Description</th>
              <th className={th}>Units</th>
              <th className={th}>Amount</th>
              {lineAction ? <th className={th}>Change</th> : null}
            </tr>
          </thead>
          <tbody>
            {invoice.lines.map((l) => (
              <tr key={l.id}>
                <td className={td}>{formatDate(l.dateOfService)}</td>
                <td className={td}>{l.cptCode ?? "—"}</td>
                <td className={td}>{l.description}</td>
                <td className={td}>{l.units}</td>
                <td className={td}>{formatCents(l.amountCents)}</td>
                {lineAction ? <td className={td}>{lineAction(l.id)}</td> : null}
              </tr>
            ))}
          </tbody>
        </TableBox>
      )}
      {invoice.payments.length ? (
        <div>
          <h2 className="text-lg font-semibold">Payments</h2>
          <ul className="list-disc pl-5">
            {invoice.payments.map((p) => (
              <li key={p.id}>
                {formatDate(p.receivedOn)}: {formatCents(p.amountCents)} ({paymentMethodLabel(p.method)}
                {p.reference ? `, ${p.reference}` : ""})
                {receiptHref ? (
                  <>
                    {" "}
                    <Link href={receiptHref(p.id)} className="font-medium text-brand-800 underline">
                      Receipt
                      <span className="sr-only">
                        {" "}
                        for {formatCents(p.amountCents)} on {formatDate(p.receivedOn)}
                      </span>
                    </Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
