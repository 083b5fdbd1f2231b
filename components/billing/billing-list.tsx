import Link from "next/link";
import type { ReactNode } from "react";
import { formatCents } from "@/lib/billing/money";
import { formatDate } from "@/lib/core/time";
import { buttonClass } from "@/components/ui/button";

/**
 * A list of billing documents (invoices, statements, superbills): an empty message, or one item each with its
 * summary and its links and buttons, which differ by audience and so are passed in.
 */
export function BillingList<T extends { id: string }>({
  items,
  emptyText,
  itemTestId,
  summary,
  actions,
}: {
  items: readonly T[];
  emptyText: string;
  itemTestId?: string;
  summary: (item: T) => ReactNode;
  actions: (item: T) => ReactNode;
}) {
  if (items.length === 0) return <p className="text-slate-700">{emptyText}</p>;
  return (
    <ul className="flex flex-col gap-3">
      {items.map((item) => (
        <li key={item.id} className="flex flex-col gap-2 border-b border-slate-200 pb-3" data-testid={itemTestId}>
          {summary(item)}
          <div className="flex flex-wrap gap-2">{actions(item)}</div>
        </li>
      ))}
    </ul>
  );
}

/** The PDF of an invoice, statement or superbill, from the route that checks who may read it. */
export function PdfDownloadLink({
  kind,
  id,
  children,
}: {
  kind: "invoices" | "statements" | "superbills";
  id: string;
  children: ReactNode;
}) {
  return (
    <a className={buttonClass("secondary")} href={`/api/billing/${kind}/${id}/pdf`} download>
      {children}
    </a>
  );
}

/**
 * Staff see every statement or superbill with its sent state and, beside each, what their page passes in (send a
 * draft, regenerate: components/billing/staff-document-actions.tsx, kept out of this file so the client's billing
 * page does not load form code it never shows); the client sees the ones sent to them, each with a page to read it
 * on. The link names differ (the Playwright specs use them).
 */
type Audience = { audience: "staff"; staffActions: (item: Period) => ReactNode } | { audience: "client" };

export type Period = { id: string; periodStart: string; periodEnd: string; status: string; asOf?: string };
export const periodLabel = (s: Period) => `${formatDate(s.periodStart)} to ${formatDate(s.periodEnd)}`;
const period = periodLabel;
const asOf = (s: Period) => (s.asOf ? ` · as of ${formatDate(s.asOf)}` : "");
const sentState = (s: Period) => (s.status === "sent" ? "Sent" : "Not sent");

export function StatementList(props: { statements: readonly (Period & { closingBalanceCents: number })[] } & Audience) {
  return (
    <BillingList
      items={props.statements}
      emptyText="No statements yet."
      summary={(s) =>
        props.audience === "staff" ? (
          <p>
            {period(s)}
            {asOf(s)} · closing balance {formatCents(s.closingBalanceCents)} · {sentState(s)}
          </p>
        ) : (
          <p className="text-slate-800">
            {period(s)}
            {asOf(s)} · Closing balance {formatCents(s.closingBalanceCents)}
          </p>
        )
      }
      actions={(s) =>
        props.audience === "staff" ? (
          <>
            <PdfDownloadLink kind="statements" id={s.id}>
              Download statement PDF
            </PdfDownloadLink>
            {props.staffActions(s)}
          </>
        ) : (
          <>
            <Link className={buttonClass("secondary")} href={`/portal/billing/statements/${s.id}`}>
              View statement for {period(s)}
            </Link>
            <PdfDownloadLink kind="statements" id={s.id}>
              Download statement for {period(s)}
            </PdfDownloadLink>
          </>
        )
      }
    />
  );
}

export function SuperbillList(
  props: { superbills: readonly (Period & { totalCents: number; paidCents: number })[] } & Audience,
) {
  return (
    <BillingList
      items={props.superbills}
      emptyText="No superbills yet."
      summary={(s) =>
        props.audience === "staff" ? (
          <p>
            {period(s)}
            {asOf(s)} · fees {formatCents(s.totalCents)} · paid {formatCents(s.paidCents)} · {sentState(s)}
          </p>
        ) : (
          <p className="text-slate-800">
            Services {period(s)}
            {asOf(s)} · Fees {formatCents(s.totalCents)} · Paid {formatCents(s.paidCents)}
          </p>
        )
      }
      actions={(s) =>
        props.audience === "staff" ? (
          <>
            <PdfDownloadLink kind="superbills" id={s.id}>
              Download superbill PDF
            </PdfDownloadLink>
            {props.staffActions(s)}
          </>
        ) : (
          <>
            <Link className={buttonClass("secondary")} href={`/portal/billing/superbills/${s.id}`}>
              View superbill for {period(s)}
            </Link>
            <PdfDownloadLink kind="superbills" id={s.id}>
              Download superbill for {period(s)}
            </PdfDownloadLink>
          </>
        )
      }
    />
  );
}
