import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { viewSuperbill } from "@/lib/billing/superbills";
import { SuperbillView } from "@/components/billing/document-views";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Superbill" };

/** One superbill sent to the active profile (others' and unsent ones are 404: authorised in lib/billing). */
export default async function PortalSuperbillPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, profile } = await requirePortalContext();
  const doc = await viewSuperbill(principal, id, { profileId: profile.id }).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-6">
      <Link href="/portal/billing" className={buttonClass("link", "self-start")}>
        Back to billing
      </Link>
      <h1 className="text-2xl font-bold">Superbill</h1>
      <SuperbillView c={doc.snapshot} />
      <a className={buttonClass("primary", "self-start")} href={`/api/billing/superbills/${doc.id}/pdf`} download>
        Download PDF
      </a>
    </div>
  );
}
