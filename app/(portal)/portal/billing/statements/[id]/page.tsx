import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/errors";
import { viewStatement } from "@/lib/billing/statements";
import { StatementView } from "@/components/billing/document-views";
import { buttonClass } from "@/components/ui/button";

export const dynamic = "force-dynamic";
export const metadata = { title: "Statement" };

/** One statement sent to the active profile (others' and unsent ones are 404: authorised in lib/billing). */
export default async function PortalStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { principal, profile } = await requirePortalContext();
  const doc = await viewStatement(principal, id, { profileId: profile.id }).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-6">
      <Link href="/portal/billing" className={buttonClass("link", "self-start")}>
        Back to billing
      </Link>
      <h1 className="text-2xl font-bold">Statement</h1>
      <StatementView s={doc.snapshot} />
      <a className={buttonClass("primary", "self-start")} href={`/api/billing/statements/${doc.id}/pdf`} download>
        Download PDF
      </a>
    </div>
  );
}
