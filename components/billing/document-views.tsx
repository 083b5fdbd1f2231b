import type { StatementSnapshot } from "@/lib/billing/statements";
import type { SuperbillContent } from "@/lib/billing/superbill-check";
import type { LedgerEntry } from "@/lib/billing/statement-build";
import { formatCents, formatDeduction } from "@/lib/billing/money";
import { formatDate } from "@/lib/core/time";
import { TableBox, td, th } from "@/components/ui/section";

/** A statement as a page: the same content as its PDF. */
/** A statement's dated charges and payments, one column each. */
function LedgerTable({ label, caption, entries }: { label: string; caption?: string; entries: LedgerEntry[] }) {
  return (
    <TableBox label={label}>
      {caption ? <caption className="p-2 text-left font-semibold text-slate-900">{caption}</caption> : null}
      <thead>
        <tr>
          <th className={th}>Date</th>
          <th className={th}>Description</th>
          <th className={th}>Charge</th>
          <th className={th}>Payment</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <td className={td}>{formatDate(e.date)}</td>
            <td className={td}>{e.description}</td>
            <td className={td}>{e.kind === "charge" ? formatCents(e.amountCents) : ""}</td>
            <td className={td}>{e.kind === "payment" ? formatCents(e.amountCents) : ""}</td>
          </tr>
        ))}
      </tbody>
    </TableBox>
  );
}

export function StatementView({ s }: { s: StatementSnapshot }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-800">
        {formatDate(s.periodStart)} to {formatDate(s.periodEnd)}
      </p>
      {s.asOf ? (
        <p className="font-medium text-slate-900" data-testid="as-of">
          As of {formatDate(s.asOf)}
        </p>
      ) : null}
      <LedgerTable label="Charges and payments" entries={s.entries} />
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-800">Opening balance</dt>
        <dd>{formatCents(s.openingBalanceCents)}</dd>
        <dt className="font-medium text-slate-800">Charges</dt>
        <dd>{formatCents(s.chargesCents)}</dd>
        <dt className="font-medium text-slate-800">Payments</dt>
        <dd>{formatDeduction(s.paymentsCents)}</dd>
        <dt className="font-medium text-slate-800">Closing balance</dt>
        <dd className="font-semibold" data-testid="closing-balance">
          {formatCents(s.closingBalanceCents)}
        </dd>
      </dl>
      {s.laterEntries?.length && s.asOf ? (
        <LedgerTable
          label={`After the period, through ${formatDate(s.asOf)}`}
          caption={`After the period, through ${formatDate(s.asOf)}`}
          entries={s.laterEntries}
        />
      ) : null}
      {s.asOf && s.balanceAsOfCents !== undefined ? (
        <p>
          Balance as of {formatDate(s.asOf)}:{" "}
          <strong data-testid="balance-as-of">{formatCents(s.balanceAsOfCents)}</strong>
        </p>
      ) : null}
    </div>
  );
}

/** A superbill as a page: the same fields as its PDF. */
export function SuperbillView({ c }: { c: SuperbillContent }) {
  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-800">
        Services {formatDate(c.periodStart)} to {formatDate(c.periodEnd)}
      </p>
      {c.asOf ? (
        <p className="font-medium text-slate-900" data-testid="as-of">
          As of {formatDate(c.asOf)}: the Paid column counts payments received through that day.
        </p>
      ) : null}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
        <dt className="font-medium text-slate-800">Client</dt>
        <dd>{c.client.legalName}</dd>
        <dt className="font-medium text-slate-800">Date of birth</dt>
        <dd>{formatDate(c.client.dateOfBirth)}</dd>
        <dt className="font-medium text-slate-800">Member ID</dt>
        <dd>{c.client.memberId}</dd>
        <dt className="font-medium text-slate-800">Practice</dt>
        <dd>
          {c.practice.legalName ?? c.practice.name}, {c.practice.address.join(", ")}
        </dd>
        <dt className="font-medium text-slate-800">Tax ID (EIN)</dt>
        <dd>{c.practice.ein}</dd>
        {c.providers.map((p) => (
          <div key={p.name} className="contents">
            <dt className="font-medium text-slate-800">Provider</dt>
            <dd>
              {p.name}
              {p.credentials ? `, ${p.credentials}` : ""} · NPI {p.npi}
            </dd>
          </div>
        ))}
        <dt className="font-medium text-slate-800">Diagnoses</dt>
        <dd>{c.diagnoses.map((d) => `${d.pointer}. ${d.code}`).join("; ")}</dd>
      </dl>
      <TableBox label="Services">
        <thead>
          <tr>
            <th className={th}>Date</th>
            <th className={th}>CPT</th>
            <th className={th}>Modifier</th>
            <th className={th}>POS</th>
            <th className={th}>ICD-10</th>
            <th className={th}>Units</th>
            <th className={th}>Fee</th>
            <th className={th}>Paid</th>
          </tr>
        </thead>
        <tbody>
          {c.lines.map((l, i) => (
            <tr key={i}>
              <td className={td}>{formatDate(l.dateOfService)}</td>
              <td className={td}>{l.cptCode}</td>
              <td className={td}>{l.modifiers.join(", ") || "—"}</td>
              <td className={td}>{l.placeOfService}</td>
              <td className={td}>
                {l.diagnosisPointers.map((ptr) => c.diagnoses.find((d) => d.pointer === ptr)?.code ?? ptr).join(", ")}
              </td>
              <td className={td}>{l.units}</td>
              <td className={td}>{formatCents(l.feeCents)}</td>
              <td className={td}>{formatCents(l.paidCents)}</td>
            </tr>
          ))}
        </tbody>
      </TableBox>
      <p>
        Total fees <strong>{formatCents(c.totalCents)}</strong> · Total paid <strong>{formatCents(c.paidCents)}</strong>
      </p>
    </div>
  );
}
