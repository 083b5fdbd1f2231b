import { BackLink } from "@/components/ui/back-link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewStaffInvoicePage } from "@/lib/dashboard/invoice-page";
import { invoiceNumberLabel } from "@/lib/billing/format";
import { PAYMENT_METHODS } from "@/lib/billing/schemas";
import { centsToInput } from "@/lib/billing/money";
import { todayInZone } from "@/lib/core/time";
import { now } from "@/lib/core/clock";
import { ActionForm } from "@/components/ui/action-form";
import { ChoiceGroup, TextField } from "@/components/ui/form-controls";
import { InvoiceView } from "@/components/billing/invoice-view";
import { Section } from "@/components/ui/section";
import { buttonClass } from "@/components/ui/button";
import { ChargeCardOnFile } from "@/components/payments/charge-card-on-file";
import { ConfirmButton } from "@/components/ui/confirm-button";
import {
  addLineAction,
  recordPaymentAction,
  removeLineAction,
  sendInvoiceAction,
  voidInvoiceAction,
} from "@/lib/billing/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invoice" };

export default async function StaffInvoicePage({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string; invoiceId: string }>;
  searchParams: Promise<{ sent?: string }>;
}) {
  const { profileId, invoiceId } = await params;
  const { sent } = await searchParams;
  const principal = await requirePagePrincipal("staff");
  // Scoped (outsiders get 404) and audited once (billing.invoice_viewed) by the page's data function.
  const { invoice, practice, card, testMode } = await viewStaffInvoicePage(principal, invoiceId, profileId).catch(
    (e) => {
      if (isExpectedError(e)) notFound();
      throw e;
    },
  );
  const payable = invoice.status === "sent" || invoice.status === "partially_paid";
  const today = todayInZone(now(), practice.timeZone);

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-2">
        <BackLink href={`/dashboard/clients/${profileId}/billing?section=invoices`}>Back to billing</BackLink>
        <h1 className="text-2xl font-bold">
          Invoice {invoiceNumberLabel(invoice.number)}: {invoice.profileName}
        </h1>
      </div>
      {sent === "1" && invoice.status !== "draft" ? (
        <p role="status" className="rounded-md border border-green-700 bg-green-50 p-3 font-medium text-green-900">
          Invoice sent. The client&apos;s portal users were emailed a notice to sign in and view it.
        </p>
      ) : null}
      <InvoiceView
        invoice={invoice}
        receiptHref={(id) => `/dashboard/clients/${profileId}/billing/receipts/${id}`}
        lineAction={
          invoice.status === "draft"
            ? (lineId) => (
                <ActionForm
                  action={removeLineAction}
                  hidden={{ invoiceId: invoice.id, lineId }}
                  submitLabel="Remove"
                  pendingLabel="Removing…"
                  variant="secondary"
                  className="flex flex-col gap-1"
                />
              )
            : undefined
        }
      />
      <div className="flex flex-wrap gap-2">
        <a className={buttonClass("secondary")} href={`/api/billing/invoices/${invoice.id}/pdf`} download>
          Download invoice PDF
        </a>
      </div>

      {invoice.status === "draft" ? (
        <>
          <Section title="Add a manual line" id="manual-line">
            <ActionForm
              action={addLineAction}
              submitLabel="Add line"
              pendingLabel="Adding…"
              hidden={{ invoiceId: invoice.id }}
              successMessage="Line added."
            >
              <TextField name="description" label="Description" hint="For example: late cancellation fee." />
              <TextField name="units" label="Quantity" type="number" inputMode="numeric" defaultValue="1" />
              <TextField name="fee" label="Amount each ($)" inputMode="decimal" />
            </ActionForm>
          </Section>
          <Section title="Send" id="send">
            <p className="text-slate-700">
              Sending issues the invoice with today&apos;s date and emails the client&apos;s portal users a notice (no
              amounts, no health information).
            </p>
            <ActionForm
              action={sendInvoiceAction}
              hidden={{ invoiceId: invoice.id }}
              submitLabel="Send invoice"
              pendingLabel="Sending…"
            />
          </Section>
        </>
      ) : null}

      {payable ? (
        <Section title="Record a payment" id="payment">
          <ActionForm
            action={recordPaymentAction}
            submitLabel="Record payment"
            pendingLabel="Recording…"
            hidden={{ invoiceId: invoice.id }}
            successMessage="Payment recorded."
          >
            <TextField
              name="amount"
              label="Amount ($)"
              inputMode="decimal"
              defaultValue={centsToInput(invoice.balanceDueCents)}
            />
            <ChoiceGroup
              name="method"
              legend="Paid by"
              options={PAYMENT_METHODS.map((m) => ({ value: m.value, label: m.label }))}
              defaultValue={["cash"]}
            />
            <TextField
              name="receivedOn"
              label="Received on"
              type="date"
              max={today}
              hint="The day the money arrived; not later than today."
              defaultValue={today}
            />
            <TextField name="reference" label="Reference (optional)" hint="Check number or terminal receipt number." />
          </ActionForm>
        </Section>
      ) : null}

      {payable ? <ChargeCardOnFile invoice={invoice} card={card} testMode={testMode} /> : null}

      {invoice.status !== "void" && invoice.paidCents === 0 ? (
        <Section title="Void" id="void">
          <p className="text-slate-700">
            A void invoice stays on record with its number; its services can be invoiced again.
          </p>
          <ConfirmButton
            action={voidInvoiceAction}
            hidden={{ invoiceId: invoice.id }}
            submitLabel="Void invoice"
            pendingLabel="Voiding…"
            question={`Void invoice ${invoiceNumberLabel(invoice.number)}?`}
            consequence="The client no longer owes it. It stays on record with its number, and its services can be invoiced again."
          />
        </Section>
      ) : null}
    </div>
  );
}
