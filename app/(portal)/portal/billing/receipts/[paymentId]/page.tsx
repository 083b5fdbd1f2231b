import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { requirePortalContext } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewReceipt } from "@/lib/payments/receipts";
import { ReceiptView } from "@/components/payments/receipt-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Receipt" };

/**
 * A payment's receipt in the portal (the payment email links here; the portal asks for sign-in first). Any profile
 * the signed-in person reaches, so a guardian's receipt for a minor opens whichever profile is active; others get
 * 404 (authorised in lib/payments/receipts.ts).
 */
export default async function PortalReceiptPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const { paymentId } = await params;
  const { principal, profile } = await requirePortalContext();
  const receipt = await viewReceipt(principal, paymentId).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  // The invoice page shows the active profile's invoices; another profile's receipt links back to billing instead.
  const invoiceHref =
    receipt.profileId === profile.id ? `/portal/billing/invoices/${receipt.invoiceId}` : "/portal/billing";
  return (
    <div className="flex flex-col gap-6">
      <BackLink href="/portal/billing">Billing</BackLink>
      <h1 className="text-2xl font-bold">Payment receipt</h1>
      <ReceiptView r={receipt} invoiceHref={invoiceHref} />
    </div>
  );
}
