import { requirePortalContext } from "@/lib/auth/guards";
import { viewStatement } from "@/lib/billing/statements";
import { StatementView } from "@/components/billing/document-views";
import { BillingDocumentPage, loadOrNotFound } from "@/components/billing/document-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Statement" };

/** One statement sent to the active profile (others' and unsent ones are 404: authorised in lib/billing). */
export default async function PortalStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, profile } = await requirePortalContext();
  const doc = await loadOrNotFound(viewStatement(principal, id, { profileId: profile.id }));
  return (
    <BillingDocumentPage heading="Statement" pdfHref={`/api/billing/statements/${doc.id}/pdf`}>
      <StatementView s={doc.snapshot} />
    </BillingDocumentPage>
  );
}
