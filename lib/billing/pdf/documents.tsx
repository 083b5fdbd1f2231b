import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { InvoiceLine, Payment } from "@/db/schema";
import { invoiceBalance } from "../money";
import { formatDate } from "@/lib/core/time";
import { invoiceNumberLabel, invoiceStatusLabel } from "../format";
import { paymentMethodLabel } from "../schemas";
import type { StatementSnapshot } from "../statements";
import type { SuperbillContent } from "../superbill-check";
import { deduction, money, PdfHeader, s, Table, Totals, type PdfPractice } from "./parts";

export type InvoicePdfData = {
  number: number;
  status: string;
  issuedOn: string | null;
  dueOn: string | null;
  clientName: string;
  totalCents: number;
  paidCents: number;
  lines: Pick<InvoiceLine, "dateOfService" | "cptCode" | "description" | "units" | "unitFeeCents" | "amountCents">[];
  payments: Pick<Payment, "receivedOn" | "method" | "amountCents">[];
};

export function InvoicePdf({ practice, invoice }: { practice: PdfPractice; invoice: InvoicePdfData }) {
  const due = invoiceBalance(invoice);
  return (
    <Document title={`Invoice ${invoiceNumberLabel(invoice.number)}`} author={practice.name}>
      <Page size="LETTER" style={s.page}>
        <PdfHeader
          practice={practice}
          title="Invoice"
          meta={[
            invoiceNumberLabel(invoice.number),
            `Status: ${invoiceStatusLabel[invoice.status] ?? invoice.status}`,
            invoice.issuedOn ? `Issued ${formatDate(invoice.issuedOn)}` : "Not yet issued",
            ...(invoice.dueOn ? [`Due ${formatDate(invoice.dueOn)}`] : []),
          ]}
        />
        <View style={s.section}>
          <Text style={s.h2}>Bill to</Text>
          <Text>{invoice.clientName}</Text>
        </View>
        <Table
          columns={[
            { label: "Date of service", width: 16 },
            { label: "CPT", width: 9 },
            { label: "Description", width: 40 },
            { label: "Units", width: 8, align: "right" },
            { label: "Fee", width: 13, align: "right" },
            { label: "Amount", width: 14, align: "right" },
          ]}
          rows={invoice.lines.map((l) => [
            formatDate(l.dateOfService),
            l.cptCode ?? "-",
            l.description,
            String(l.units),
            money(l.unitFeeCents),
            money(l.amountCents),
          ])}
        />
        <Totals
          rows={[
            ["Total", money(invoice.totalCents), true],
            ...invoice.payments.map((p): [string, string] => [
              `Paid ${formatDate(p.receivedOn)} (${paymentMethodLabel(p.method)})`,
              deduction(p.amountCents),
            ]),
            ["Balance due", money(due), true],
          ]}
        />
        <Text style={s.footer} fixed>
          {practice.name} · Questions about this invoice? Call {practice.phone ?? "the office"}.
        </Text>
      </Page>
    </Document>
  );
}

export function StatementPdf({ practice, statement }: { practice: PdfPractice; statement: StatementSnapshot }) {
  return (
    <Document title="Statement" author={practice.name}>
      <Page size="LETTER" style={s.page}>
        <PdfHeader
          practice={practice}
          title="Statement"
          meta={[
            `${formatDate(statement.periodStart)} to ${formatDate(statement.periodEnd)}`,
            ...(statement.asOf ? [`As of ${formatDate(statement.asOf)}`] : []),
          ]}
        />
        <View style={s.section}>
          <Text style={s.h2}>Statement for</Text>
          <Text>{statement.clientName}</Text>
        </View>
        <Table
          columns={[
            { label: "Date", width: 16 },
            { label: "Description", width: 54 },
            { label: "Charges", width: 15, align: "right" },
            { label: "Payments", width: 15, align: "right" },
          ]}
          rows={[
            [formatDate(statement.periodStart), `Opening balance: ${money(statement.openingBalanceCents)}`, "", ""],
            ...statement.entries.map((e) => [
              formatDate(e.date),
              e.description,
              e.kind === "charge" ? money(e.amountCents) : "",
              e.kind === "payment" ? money(e.amountCents) : "",
            ]),
          ]}
        />
        <Totals
          rows={[
            ["Opening balance", money(statement.openingBalanceCents)],
            ["Charges", money(statement.chargesCents)],
            ["Payments", deduction(statement.paymentsCents)],
            ["Closing balance", money(statement.closingBalanceCents), true],
          ]}
        />
        {statement.laterEntries?.length && statement.asOf ? (
          <View style={s.section}>
            <Text style={s.h2}>After the period, through {formatDate(statement.asOf)}</Text>
            <Table
              columns={[
                { label: "Date", width: 16 },
                { label: "Description", width: 54 },
                { label: "Charges", width: 15, align: "right" },
                { label: "Payments", width: 15, align: "right" },
              ]}
              rows={statement.laterEntries.map((e) => [
                formatDate(e.date),
                e.description,
                e.kind === "charge" ? money(e.amountCents) : "",
                e.kind === "payment" ? money(e.amountCents) : "",
              ])}
            />
          </View>
        ) : null}
        {statement.asOf && statement.balanceAsOfCents !== undefined ? (
          <Totals rows={[[`Balance as of ${formatDate(statement.asOf)}`, money(statement.balanceAsOfCents), true]]} />
        ) : null}
        <Text style={s.footer} fixed>
          {practice.name} · Questions about this statement? Call {practice.phone ?? "the office"}.
        </Text>
      </Page>
    </Document>
  );
}

export function SuperbillPdf({ practice, superbill }: { practice: PdfPractice; superbill: SuperbillContent }) {
  const c = superbill;
  return (
    <Document title="Superbill" author={practice.name}>
      <Page size="LETTER" style={s.page}>
        <PdfHeader
          practice={practice}
          title="Superbill"
          meta={[
            `Services ${formatDate(c.periodStart)} to ${formatDate(c.periodEnd)}`,
            ...(c.asOf ? [`As of ${formatDate(c.asOf)} (payments received through that day)`] : []),
            "For insurance reimbursement",
          ]}
        />
        <View style={[s.cols, s.section]}>
          <View style={s.col}>
            <Text style={s.h2}>Client</Text>
            <Text>Name: {c.client.legalName}</Text>
            <Text>Date of birth: {formatDate(c.client.dateOfBirth)}</Text>
            <Text>Member ID: {c.client.memberId ?? ""}</Text>
          </View>
          <View style={s.col}>
            <Text style={s.h2}>Practice</Text>
            <Text>{c.practice.legalName ?? c.practice.name}</Text>
            {c.practice.address.map((l) => (
              <Text key={l}>{l}</Text>
            ))}
            {c.practice.phone ? <Text>Phone: {c.practice.phone}</Text> : null}
            <Text>Tax ID (EIN): {c.practice.ein ?? ""}</Text>
            {c.practice.organizationNpi ? <Text>Organization NPI: {c.practice.organizationNpi}</Text> : null}
          </View>
        </View>
        <View style={s.section}>
          <Text style={s.h2}>Rendering provider</Text>
          {c.providers.map((p) => (
            <Text key={p.name}>
              {p.name}
              {p.credentials ? `, ${p.credentials}` : ""} · NPI: {p.npi ?? ""}
              {p.licenseNumber ? ` · License: ${p.licenseNumber}${p.licenseState ? ` (${p.licenseState})` : ""}` : ""}
            </Text>
          ))}
        </View>
        <View style={s.section}>
          <Text style={s.h2}>Diagnoses (ICD-10)</Text>
          {c.diagnoses.map((d) => (
            <Text key={d.code}>
              {d.pointer}. {d.code}
            </Text>
          ))}
        </View>
        <Table
          columns={[
            { label: "Date of service", width: 15 },
            { label: "CPT", width: 8 },
            { label: "Modifier", width: 10 },
            { label: "POS", width: 7 },
            { label: "ICD-10", width: 16 },
            { label: "Units", width: 8, align: "right" },
            { label: "Fee", width: 12, align: "right" },
            { label: "Paid", width: 12, align: "right" },
          ]}
          rows={c.lines.map((l) => [
            formatDate(l.dateOfService),
            l.cptCode,
            l.modifiers.join(", ") || "-",
            l.placeOfService,
            l.diagnosisPointers.map((ptr) => c.diagnoses.find((d) => d.pointer === ptr)?.code ?? ptr).join(", "),
            String(l.units),
            money(l.feeCents),
            money(l.paidCents),
          ])}
        />
        <Totals
          rows={[
            ["Total fees", money(c.totalCents), true],
            ["Total paid", money(c.paidCents), true],
          ]}
        />
        <Text style={{ marginTop: 16, color: "#334155" }}>
          Place of service: 02 telehealth (client not at home), 10 telehealth (client at home), 11 office, 12
          client&apos;s home.
        </Text>
        <Text style={s.footer} fixed>
          {practice.name} · This superbill is a receipt for services; submit it to your insurer for reimbursement.
        </Text>
      </Page>
    </Document>
  );
}
