import Link from "next/link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { viewUnpaidInvoices } from "@/lib/billing/views";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/billing/dates";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { TableBox, td, th } from "@/components/ui/section";
import { StatusBadge } from "@/components/billing/status-badge";

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
        <TableBox label="Unpaid invoices">
          <thead>
            <tr>
              <th className={th}>Invoice</th>
              <th className={th}>Client</th>
              <th className={th}>Issued</th>
              <th className={th}>Status</th>
              <th className={`${th} text-right`}>Balance due</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((i) => (
              <tr key={i.id}>
                <td className={td}>
                  <Link className="text-brand-800 underline" href={`/dashboard/clients/${i.profileId}/billing/invoices/${i.id}`}>
                    {invoiceNumberLabel(i.number)}
                  </Link>
                </td>
                <td className={td}>{i.profileName}</td>
                <td className={td}>{formatDate(i.issuedOn)}</td>
                <td className={td}>
                  <StatusBadge status={i.status} />
                </td>
                <td className={`${td} text-right`}>{formatCents(i.balanceDueCents)}</td>
              </tr>
            ))}
          </tbody>
        </TableBox>
      )}
    </div>
  );
}
