import Link from "next/link";
import type { ReactNode } from "react";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/core/time";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { TableBox, td, th } from "@/components/ui/section";
import { StatusBadge } from "@/components/billing/status-badge";
import { buttonClass } from "@/components/ui/button";

export type InvoiceTableRow = {
  id: string;
  number: number;
  status: string;
  issuedOn: string | null;
  totalCents?: number;
  balanceDueCents: number;
  profileName?: string | null;
};
export type InvoiceColumn = "invoice" | "client" | "status" | "issued" | "total" | "balance";

const HEADINGS: Record<InvoiceColumn, string> = {
  invoice: "Invoice",
  client: "Client",
  status: "Status",
  issued: "Issued",
  total: "Total",
  balance: "Balance due",
};

/**
 * Invoices as a table for staff: one client's invoices and the practice's unpaid ones. Each page picks its columns
 * (in its order) and where an invoice number links to; `amountsRight` right-aligns the balance.
 */
export function InvoiceTable<R extends InvoiceTableRow>({
  label,
  rows,
  columns,
  href,
  amountsRight = false,
}: {
  label: string;
  rows: readonly R[];
  columns: readonly InvoiceColumn[];
  href: (row: R) => string;
  amountsRight?: boolean;
}) {
  const cell = (c: InvoiceColumn, i: R): ReactNode => {
    switch (c) {
      case "invoice":
        return (
          <Link className={buttonClass("link")} href={href(i)}>
            {invoiceNumberLabel(i.number)}
          </Link>
        );
      case "client":
        return i.profileName;
      case "status":
        return <StatusBadge status={i.status} />;
      case "issued":
        return formatDate(i.issuedOn);
      case "total":
        return formatCents(i.totalCents ?? 0);
      case "balance":
        return formatCents(i.balanceDueCents);
    }
  };
  const align = (c: InvoiceColumn) => (amountsRight && c === "balance" ? " text-right" : "");
  return (
    <TableBox label={label}>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c} className={th + align(c)}>
              {HEADINGS[c]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => (
          <tr key={i.id}>
            {columns.map((c) => (
              <td key={c} className={td + align(c)}>
                {cell(c, i)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}
