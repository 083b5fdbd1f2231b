import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { requirePagePrincipal } from "@/lib/auth/guards";
import { isExpectedError } from "@/lib/core/errors";
import { viewReceipt } from "@/lib/payments/receipts";
import { ReceiptView } from "@/components/payments/receipt-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Receipt" };

/** Staff see the same receipt the client sees, under the client's billing (outsiders get 404). */
export default async function StaffReceiptPage({
  params,
}: {
  params: Promise<{ profileId: string; paymentId: string }>;
}) {
  const { profileId, paymentId } = await params;
  const principal = await requirePagePrincipal("staff");
  const receipt = await viewReceipt(principal, paymentId, { profileId }).catch((e) => {
    if (isExpectedError(e)) notFound();
    throw e;
  });
  const base = `/dashboard/clients/${profileId}/billing`;
  return (
    <div className="flex flex-col gap-6">
      <BackLink href={`${base}?section=invoices`}>Billing</BackLink>
      <h1 className="text-2xl font-bold">Payment receipt: {receipt.profileName}</h1>
      <ReceiptView r={receipt} invoiceHref={`${base}/invoices/${receipt.invoiceId}`} />
    </div>
  );
}
