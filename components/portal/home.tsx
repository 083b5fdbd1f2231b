import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "@/components/ui/button";
import { PhoneLink } from "@/components/ui/phone-link";
import { DocumentDownloadLink } from "@/components/documents/document-list";
import { formatCents } from "@/lib/billing/money";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { formatDate, formatDateTime } from "@/lib/core/time";

/*
 * The client's home (docs/decisions.md, Client home): who is signed in, forms to complete, the balance due with
 * Pay, and what was shared since the last visit. The page loads the data; these only render it. Mobile first:
 * one column on a phone, two from 768 px.
 */

function Card({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Badge({ tone, children }: { tone: "red" | "brand" | "slate"; children: ReactNode }) {
  const tones = {
    red: "bg-red-100 text-red-900 ring-red-700/30",
    brand: "bg-brand-50 text-brand-900 ring-brand-700/30",
    slate: "bg-slate-100 text-slate-800 ring-slate-500/30",
  };
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${tones[tone]}`}>
      {children}
    </span>
  );
}

export function HomeGreeting({ greeting, identity }: { greeting: string; identity: string }) {
  return (
    <div className="flex flex-col gap-1">
      <h1 className="text-2xl font-bold text-slate-900">{greeting}</h1>
      <p className="text-slate-700" data-testid="signed-in-as">
        {identity}
      </p>
    </div>
  );
}

export type HomeForm = {
  id: string;
  title: string;
  dueDate: string | null;
  overdue: boolean;
  lastSavedAt: Date | null;
};

export function HomeForms({ forms }: { forms: HomeForm[] }) {
  const overdue = forms.filter((f) => f.overdue).length;
  return (
    <Card id="home-forms" title="Forms to complete">
      <p className="text-slate-800" data-testid="forms-todo-count">
        {forms.length === 0
          ? "No forms to complete."
          : `${forms.length} ${forms.length === 1 ? "form" : "forms"} to complete`}
        {overdue > 0 ? ` (${overdue} overdue)` : ""}
      </p>
      {forms.length === 0 ? (
        <p className="text-sm text-slate-700">
          When your clinician sends you a form or questionnaire, it will appear here with its due date.
        </p>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200" aria-label="Forms to complete">
          {forms.map((f) => (
            <li key={f.id} className="flex flex-col gap-1 py-2" data-testid="home-form">
              <Link
                href={`/portal/forms/${f.id}`}
                className="font-semibold text-brand-800 underline underline-offset-2"
              >
                {f.title}
              </Link>
              <span className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
                {f.overdue ? <Badge tone="red">Overdue</Badge> : null}
                <span className={f.overdue ? "font-medium text-red-900" : undefined}>
                  {f.dueDate ? `${f.overdue ? "Was due" : "Due"} ${formatDate(f.dueDate)}` : "No due date"}
                </span>
                <span aria-hidden>·</span>
                <span>{f.lastSavedAt ? "In progress" : "Not started"}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <Link href="/portal/forms" className="text-sm font-medium text-brand-800 underline underline-offset-2">
        {forms.length > 0 ? "Complete your forms" : "See your forms"}
      </Link>
    </Card>
  );
}

export type HomeInvoice = { id: string; number: number; issuedOn: string | null; balanceDueCents: number };

export function HomeBalance({ balanceDueCents, unpaid }: { balanceDueCents: number; unpaid: HomeInvoice[] }) {
  return (
    <Card id="home-balance" title="Balance due">
      <p className="text-3xl font-bold text-slate-900" data-testid="home-balance-due">
        {formatCents(balanceDueCents)}
      </p>
      {unpaid.length === 0 ? (
        <p className="text-sm text-slate-700">
          You have nothing to pay. When the practice sends you an invoice, the amount due appears here.
        </p>
      ) : unpaid.length === 1 ? (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-slate-700">
            Invoice {invoiceNumberLabel(unpaid[0].number)}
            {unpaid[0].issuedOn ? `, issued ${formatDate(unpaid[0].issuedOn)}` : ""}
          </p>
          <Link
            href={`/portal/billing/pay/${unpaid[0].id}`}
            className={buttonClass("primary", "w-full sm:w-auto")}
            aria-label={`Pay ${formatCents(unpaid[0].balanceDueCents)} for invoice ${invoiceNumberLabel(unpaid[0].number)}`}
          >
            Pay {formatCents(unpaid[0].balanceDueCents)}
          </Link>
        </div>
      ) : (
        <ul className="flex flex-col divide-y divide-slate-200" aria-label="Invoices to pay">
          {unpaid.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="text-sm text-slate-800">
                Invoice {invoiceNumberLabel(i.number)} · <strong>{formatCents(i.balanceDueCents)}</strong>
              </span>
              <Link
                href={`/portal/billing/pay/${i.id}`}
                className={buttonClass("primary")}
                aria-label={`Pay ${formatCents(i.balanceDueCents)} for invoice ${invoiceNumberLabel(i.number)}`}
              >
                Pay
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link href="/portal/billing" className="text-sm font-medium text-brand-800 underline underline-offset-2">
        Billing and payment method
      </Link>
    </Card>
  );
}

export type HomeDocument = { id: string; fileName: string; createdAt: Date; isNew: boolean };

export function HomeDocuments({
  documents,
  lastVisit,
  timeZone,
}: {
  documents: HomeDocument[];
  lastVisit: Date | null;
  timeZone: string;
}) {
  const fresh = documents.filter((d) => d.isNew).length;
  return (
    <Card id="home-documents" title="Shared with you">
      <p className="text-sm text-slate-700" data-testid="home-documents-summary">
        {documents.length === 0
          ? "Nothing has been shared with you yet. When your clinician shares a file, it will appear here."
          : fresh === 0
            ? `Nothing new since your last visit${lastVisit ? ` (${formatDateTime(lastVisit, timeZone)})` : ""}.`
            : `${fresh} new since your last visit${lastVisit ? ` (${formatDateTime(lastVisit, timeZone)})` : ""}.`}
      </p>
      {documents.length > 0 ? (
        <ul className="flex flex-col divide-y divide-slate-200" aria-label="Recently shared files">
          {documents.map((d) => (
            <li key={d.id} className="flex flex-col gap-1 py-2" data-testid="home-document">
              <span className="flex flex-wrap items-center gap-2">
                {d.isNew ? <Badge tone="brand">New</Badge> : null}
                <span className="min-w-0 break-words font-medium text-slate-900">{d.fileName}</span>
              </span>
              <span className="flex flex-wrap items-center gap-x-3 text-sm text-slate-700">
                <span>Shared {formatDate(d.createdAt, timeZone)}</span>
                <DocumentDownloadLink id={d.id} fileName={d.fileName} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <Link href="/portal/documents" className="text-sm font-medium text-brand-800 underline underline-offset-2">
        All documents and uploads
      </Link>
    </Card>
  );
}

export function HomeContact({ practiceName, phone }: { practiceName: string; phone: string | null }) {
  if (!phone) return null;
  return (
    <p className="text-sm text-slate-700">
      Questions? Call {practiceName} at <PhoneLink phone={phone} />.
    </p>
  );
}
