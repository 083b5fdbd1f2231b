import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { getStaffBillingOverview } from "@/lib/billing/overview";
import { centsToInput, formatCents } from "@/lib/billing/money";
import { firstOfMonth, formatDate } from "@/lib/core/time";
import { PLACES_OF_SERVICE } from "@/lib/billing/schemas";
import { ActionForm, CptAndFee } from "@/components/ui/action-form";
import { ChoiceGroup, TextField } from "@/components/ui/form-controls";
import { Section, TableBox, td, th } from "@/components/ui/section";
import { InvoiceTable } from "@/components/billing/invoice-table";
import { StatementList, SuperbillList } from "@/components/billing/billing-list";
import { StaffDocumentActions } from "@/components/billing/staff-document-actions";
import { buttonClass } from "@/components/ui/button";
import { listReceipts } from "@/lib/payments/receipts";
import { serviceDraftFromAppointment } from "@/lib/appointments/appointments";
import { ReceiptList } from "@/components/payments/receipt-view";
import {
  createInvoiceAction,
  createStatementAction,
  createSuperbillAction,
  deleteServiceAction,
  recordServiceAction,
  sendStatementAction,
  sendSuperbillAction,
  updateClientBillingAction,
} from "@/lib/billing/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Billing" };

/** A client's billing: services rendered, invoices, statements and superbills (docs/product.md, Billing). */
const SECTIONS = [
  { key: "services", label: "Services" },
  { key: "invoices", label: "Invoices and payments" },
  { key: "statements", label: "Statements" },
  { key: "superbills", label: "Superbills" },
] as const;
type SectionKey = (typeof SECTIONS)[number]["key"];

/**
 * A client's billing in four sections (services, invoices and payments, statements, superbills), one shown at a
 * time under an in-page navigation whose current link carries aria-current; the section is in the query (no PHI).
 */
export default async function ClientBillingPage({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string }>;
  searchParams: Promise<{ section?: string; fromAppointment?: string }>;
}) {
  const { profileId } = await params;
  const { section: asked, fromAppointment } = await searchParams;
  const section: SectionKey = SECTIONS.some((x) => x.key === asked) ? (asked as SectionKey) : "services";
  const principal = await requirePagePrincipal("staff");
  const data = await getStaffBillingOverview(principal, profileId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const { profile, codes, services, invoices, statements, superbills, today } = data;
  // "Record service" from a completed appointment starts from its date, planned CPT and place of service.
  const fromVisit = fromAppointment
    ? await serviceDraftFromAppointment(principal, fromAppointment).catch((e) => {
        if (isExpectedError(e)) return null;
        throw e;
      })
    : null;
  const serviceDefaults = fromVisit
    ? { cptCode: fromVisit.cptCode ?? data.serviceDefaults?.cptCode ?? "", placeOfService: fromVisit.placeOfService }
    : data.serviceDefaults;
  const uninvoiced = services.filter((s) => !s.invoiceId);
  const base = `/dashboard/clients/${profile.id}/billing`;
  const receipts = section === "invoices" ? await listReceipts(principal, profile.id) : [];

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold">Billing: {profile.legalName}</h1>
        <p className="text-slate-700">
          Balance due: <strong data-testid="balance-due">{formatCents(data.balanceDueCents)}</strong>
        </p>
      </div>

      <nav aria-label="Billing sections">
        <ul className="flex flex-wrap gap-2">
          {SECTIONS.map((x) => (
            <li key={x.key}>
              <Link
                href={`${base}?section=${x.key}`}
                aria-current={x.key === section ? "page" : undefined}
                className={buttonClass(x.key === section ? "primary" : "secondary")}
              >
                {x.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {section === "superbills" ? (
        <Section title="Billing details for superbills" id="details">
          <ActionForm
            action={updateClientBillingAction}
            submitLabel="Save billing details"
            hidden={{ profileId: profile.id }}
            successMessage="Billing details saved."
          >
            <TextField
              name="diagnosisCodes"
              label="Diagnosis codes (ICD-10)"
              hint="Separate codes with commas, primary first, for example F41.1, F32.1."
              defaultValue={profile.diagnosisCodes.join(", ")}
            />
            <TextField
              name="insuranceMemberId"
              label="Insurance member ID"
              defaultValue={profile.insuranceMemberId ?? ""}
            />
          </ActionForm>
        </Section>
      ) : null}

      {section === "services" ? (
        <Section title="Services rendered" id="services">
          {services.length === 0 ? (
            <p className="text-slate-700">No services recorded yet.</p>
          ) : (
            <TableBox label="Services rendered">
              <thead>
                <tr>
                  <th className={th}>Date</th>
                  <th className={th}>CPT</th>
                  <th className={th}>Mod.</th>
                  <th className={th}>POS</th>
                  <th className={th}>Units</th>
                  <th className={th}>Fee</th>
                  <th className={th}>ICD-10</th>
                  <th className={th}>Clinician</th>
                  <th className={th}>Invoice</th>
                </tr>
              </thead>
              <tbody>
                {services.map((s) => (
                  <tr key={s.id}>
                    <td className={td}>{formatDate(s.dateOfService)}</td>
                    <td className={td}>{s.cptCode}</td>
                    <td className={td}>{s.modifiers.join(", ") || "—"}</td>
                    <td className={td}>{s.placeOfService}</td>
                    <td className={td}>{s.units}</td>
                    <td className={td}>{formatCents(s.amountCents)}</td>
                    <td className={td}>
                      {s.diagnosisCodes.join(", ") ||
                        (profile.diagnosisCodes[0] ? `${profile.diagnosisCodes[0]} (primary)` : "—")}
                    </td>
                    <td className={td}>{s.clinicianName}</td>
                    <td className={td}>
                      {s.invoiceId ? (
                        <Link className={buttonClass("link")} href={`${base}/invoices/${s.invoiceId}`}>
                          View invoice
                        </Link>
                      ) : (
                        <ActionForm
                          action={deleteServiceAction}
                          hidden={{ serviceId: s.id }}
                          submitLabel="Delete"
                          pendingLabel="Deleting…"
                          variant="secondary"
                          className="flex flex-col gap-1"
                        >
                          <span className="text-slate-700">Not invoiced</span>
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </TableBox>
          )}
          <h3 id="record-service" className="text-lg font-semibold">
            Record a service
          </h3>
          <ActionForm
            action={recordServiceAction}
            submitLabel="Record service"
            hidden={{ profileId: profile.id }}
            successMessage="Service recorded."
          >
            <TextField
              name="dateOfService"
              label="Date of service"
              type="date"
              defaultValue={fromVisit?.dateOfService ?? today}
            />
            <CptAndFee
              defaultCode={serviceDefaults?.cptCode}
              codes={codes.map((c) => ({
                code: c.code,
                description: c.description,
                defaultFee: centsToInput(c.defaultFeeCents),
              }))}
            />
            <TextField
              name="modifiers"
              label="Modifiers"
              hint="Optional, separated by commas: 95 for synchronous telehealth."
              defaultValue={fromVisit?.modifiers ?? ""}
            />
            <ChoiceGroup
              name="placeOfService"
              legend="Place of service"
              options={PLACES_OF_SERVICE.map((p) => ({ value: p.code, label: p.label, hint: p.hint }))}
              defaultValue={[serviceDefaults?.placeOfService ?? "11"]}
            />
            <TextField name="units" label="Units" type="number" inputMode="numeric" defaultValue="1" />
            <ChoiceGroup
              name="diagnosisCodes"
              type="checkbox"
              legend="Diagnosis pointers (ICD-10 from the client's record)"
              options={profile.diagnosisCodes.map((c, i) => ({ value: c, label: i === 0 ? `${c} (primary)` : c }))}
              emptyText="The client has no diagnosis codes yet; add them under billing details. Services with no box checked point at the primary diagnosis."
            />
          </ActionForm>
        </Section>
      ) : null}

      {section === "services" ? (
        <Section title="Create an invoice" id="create-invoice">
          <ActionForm
            action={createInvoiceAction}
            submitLabel="Create invoice"
            pendingLabel="Creating…"
            hidden={{ profileId: profile.id }}
          >
            <ChoiceGroup
              name="serviceIds"
              type="checkbox"
              legend="Uninvoiced services to include"
              options={uninvoiced.map((s) => ({
                value: s.id,
                label: `${formatDate(s.dateOfService)} · ${s.cptCode} · ${formatCents(s.amountCents)}`,
              }))}
              defaultValue={uninvoiced.map((s) => s.id)}
              emptyText="No uninvoiced services. The invoice starts empty; add manual lines on the next page."
            />
          </ActionForm>
        </Section>
      ) : null}

      {section === "invoices" ? (
        <>
          <Section title="Invoices" id="invoices">
            {invoices.length === 0 ? (
              <p className="text-slate-700">
                No invoices yet. Create one from uninvoiced services under{" "}
                <Link href={`${base}?section=services`} className="underline">
                  Services
                </Link>
                .
              </p>
            ) : (
              <InvoiceTable
                label="Invoices"
                rows={invoices}
                columns={["invoice", "status", "issued", "total", "balance"]}
                href={(i) => `${base}/invoices/${i.id}`}
              />
            )}
          </Section>
          <Section title="Payments and receipts" id="payments">
            <ReceiptList receipts={receipts} href={(id) => `${base}/receipts/${id}`} />
          </Section>
        </>
      ) : null}

      {section === "statements" ? (
        <Section title="Statements" id="statements">
          <StatementList
            statements={statements}
            audience="staff"
            staffActions={(item) => (
              <StaffDocumentActions
                item={item}
                what="statement"
                send={sendStatementAction}
                regenerate={{ action: createStatementAction, profileId: profile.id, today }}
              />
            )}
          />
          <h3 className="text-lg font-semibold">Create a statement</h3>
          <ActionForm
            action={createStatementAction}
            submitLabel="Create statement"
            pendingLabel="Creating…"
            hidden={{ profileId: profile.id }}
          >
            <TextField name="periodStart" label="Statement from" type="date" defaultValue={firstOfMonth(today)} />
            <TextField name="periodEnd" label="Statement to" type="date" defaultValue={today} />
            <TextField
              name="asOf"
              label="As of"
              type="date"
              max={today}
              hint="Payments and charges up to this day are counted (today unless changed)."
              defaultValue={today}
            />
          </ActionForm>
        </Section>
      ) : null}

      {section === "superbills" ? (
        <Section title="Superbills" id="superbills">
          <SuperbillList
            superbills={superbills}
            audience="staff"
            staffActions={(item) => (
              <StaffDocumentActions
                item={item}
                what="superbill"
                send={sendSuperbillAction}
                regenerate={{ action: createSuperbillAction, profileId: profile.id, today }}
              />
            )}
          />
          <h3 className="text-lg font-semibold">Generate a superbill</h3>
          <p className="text-sm text-slate-700">
            A superbill needs the client&apos;s date of birth, member ID and diagnosis, the clinician&apos;s NPI and
            credentials, and the practice&apos;s EIN and address. Anything missing is named below and must be fixed
            first.
          </p>
          <ActionForm
            action={createSuperbillAction}
            submitLabel="Generate superbill"
            pendingLabel="Generating…"
            hidden={{ profileId: profile.id }}
            successMessage="Superbill generated."
          >
            <TextField name="periodStart" label="Services from" type="date" defaultValue={firstOfMonth(today)} />
            <TextField name="periodEnd" label="Services to" type="date" defaultValue={today} />
            <TextField
              name="asOf"
              label="As of"
              type="date"
              max={today}
              hint="The Paid column counts payments received up to this day (today unless changed)."
              defaultValue={today}
            />
          </ActionForm>
        </Section>
      ) : null}
    </div>
  );
}
