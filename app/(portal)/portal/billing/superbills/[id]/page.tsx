import { requirePortalContext } from "@/lib/auth/guards";
import { viewSuperbill } from "@/lib/billing/superbills";
import { SuperbillView } from "@/components/billing/document-views";
import { BillingDocumentPage, loadOrNotFound } from "@/components/billing/document-page";

export const dynamic = "force-dynamic";
export const metadata = { title: "Superbill" };

/** One superbill sent to the active profile (others' and unsent ones are 404: authorised in lib/billing). */
export default async function PortalSuperbillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, profile } = await requirePortalContext();
  const doc = await loadOrNotFound(viewSuperbill(principal, id, { profileId: profile.id }));
  return (
    <BillingDocumentPage heading="Superbill" pdfHref={`/api/billing/superbills/${doc.id}/pdf`}>
      <SuperbillView c={doc.snapshot} />
    </BillingDocumentPage>
  );
}
