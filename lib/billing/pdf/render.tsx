import "server-only";
import type { PracticeSettings } from "@/db/schema";
import type { Principal } from "@/lib/core/principal";
import { audit } from "@/lib/audit/write";
import { getPracticeSettings } from "@/lib/practice/settings";
import { NotFoundError } from "@/lib/core/errors";
import { getInvoice } from "../invoices";
import { getStatement } from "../statements";
import { getSuperbill, practiceAddress } from "../superbills";
import { invoiceNumberLabel } from "../format";
import { renderInvoicePdf, renderStatementPdf, renderSuperbillPdf } from "./render-core";
import type { PdfPractice } from "./parts";
import type { InvoicePdfData } from "./documents";
import { frozenPdf } from "./frozen";
import { renderPdf } from "@/lib/core/pdf-pool";

export function pdfPractice(s: PracticeSettings): PdfPractice {
  return {
    name: s.name,
    legalName: s.legalName,
    address: practiceAddress(s),
    phone: s.phone,
    logoDataUrl: s.logoDataUrl,
  };
}

export type BillingDocKind = "invoices" | "statements" | "superbills";
export const isBillingDocKind = (k: string): k is BillingDocKind =>
  k === "invoices" || k === "statements" || k === "superbills";

/**
 * A billing PDF for a principal who may see it (staff in scope, or the profile's users once it was sent),
 * audited as a PHI download. The file name carries no PHI. Statements, superbills and sent invoices are frozen:
 * their PDF is rendered on the first download and kept (./frozen.ts); an invoice's kept copy is per status and
 * payments, so a payment gives a fresh one. Drafts are rendered each time.
 */
export async function downloadBillingPdf(
  p: Principal,
  kind: BillingDocKind,
  id: string,
): Promise<{ filename: string; bytes: Buffer }> {
  const practice = pdfPractice(await getPracticeSettings());
  let profileId: string;
  let filename: string;
  let bytes: Buffer;
  if (kind === "invoices") {
    const inv = await getInvoice(p, id);
    profileId = inv.profileId;
    filename = `invoice-${invoiceNumberLabel(inv.number)}.pdf`;
    const data: InvoicePdfData = {
      number: inv.number,
      status: inv.status,
      issuedOn: inv.issuedOn,
      dueOn: inv.dueOn,
      clientName: inv.profileName,
      totalCents: inv.totalCents,
      paidCents: inv.paidCents,
      lines: inv.lines.map((l) => ({
        dateOfService: l.dateOfService,
        cptCode: l.cptCode,
        description: l.description,
        units: l.units,
        unitFeeCents: l.unitFeeCents,
        amountCents: l.amountCents,
      })),
      payments: inv.payments.map((x) => ({ receivedOn: x.receivedOn, method: x.method, amountCents: x.amountCents })),
    };
    // A draft still changes (lines, fees): rendered on every download. Once sent its lines are fixed; what still
    // moves (status, payments) is part of the kept copy's key (./frozen.ts).
    const render = () =>
      renderPdf({ kind: "billing.invoice", args: [practice, data] }, () => renderInvoicePdf(practice, data));
    bytes =
      inv.status === "draft" ? await render() : (await frozenPdf("invoices", inv.id, practice, render, data)).bytes;
  } else if (kind === "statements") {
    const st = await getStatement(p, id);
    profileId = st.profileId;
    filename = `statement-${st.periodStart}-to-${st.periodEnd}.pdf`;
    bytes = (
      await frozenPdf("statements", st.id, practice, () =>
        renderPdf({ kind: "billing.statement", args: [practice, st.snapshot] }, () =>
          renderStatementPdf(practice, st.snapshot),
        ),
      )
    ).bytes;
  } else if (kind === "superbills") {
    const sb = await getSuperbill(p, id);
    profileId = sb.profileId;
    filename = `superbill-${sb.periodStart}-to-${sb.periodEnd}.pdf`;
    bytes = (
      await frozenPdf("superbills", sb.id, practice, () =>
        renderPdf({ kind: "billing.superbill", args: [practice, sb.snapshot] }, () =>
          renderSuperbillPdf(practice, sb.snapshot),
        ),
      )
    ).bytes;
  } else {
    throw new NotFoundError();
  }
  await audit({
    action: "billing.document_downloaded",
    actor: p,
    profileId,
    targetType: kind.slice(0, -1),
    targetId: id,
  });
  return { filename, bytes };
}
