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
import { frozenPdf } from "./frozen";

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
 * audited as a PHI download. The file name carries no PHI. Statements and superbills are frozen snapshots: their
 * PDF is rendered on the first download and kept (./frozen.ts); invoices are rendered each time (their payments
 * and status change after they are sent).
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
    bytes = await renderInvoicePdf(practice, { ...inv, clientName: inv.profileName });
  } else if (kind === "statements") {
    const st = await getStatement(p, id);
    profileId = st.profileId;
    filename = `statement-${st.periodStart}-to-${st.periodEnd}.pdf`;
    bytes = (await frozenPdf("statements", st.id, practice, () => renderStatementPdf(practice, st.snapshot))).bytes;
  } else if (kind === "superbills") {
    const sb = await getSuperbill(p, id);
    profileId = sb.profileId;
    filename = `superbill-${sb.periodStart}-to-${sb.periodEnd}.pdf`;
    bytes = (await frozenPdf("superbills", sb.id, practice, () => renderSuperbillPdf(practice, sb.snapshot))).bytes;
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
