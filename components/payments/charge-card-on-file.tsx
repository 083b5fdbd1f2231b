import { centsToInput } from "@/lib/billing/money";
import type { SavedCard } from "@/lib/payments/cards";
import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";
import { chargeCardOnFileAction } from "@/lib/payments/actions";
import { ChargeCardForm } from "./charge-card-form";
import { TestModeNotice } from "./test-mode-notice";

/**
 * Staff: "Charge card on file" for one invoice. The page loads the client's default card (lib/billing/invoice-page.ts)
 * and passes it in. Shows nothing to charge when the invoice is settled.
 */
export function ChargeCardOnFile({
  invoice,
  card,
  testMode,
}: {
  invoice: { id: string; status: string; totalCents: number; paidCents: number };
  card: Pick<SavedCard, "brand" | "last4" | "expMonth" | "expYear"> | null;
  testMode: boolean;
}) {
  const balance = Math.max(0, invoice.totalCents - invoice.paidCents);
  if (!(invoice.status === "sent" || invoice.status === "partially_paid") || balance <= 0) return null;
  return (
    <section
      aria-labelledby={`charge-${invoice.id}`}
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id={`charge-${invoice.id}`} className="text-lg font-semibold">
        Charge card on file
      </h2>
      {testMode ? <TestModeNotice compact /> : null}
      {card ? (
        <>
          <p className="text-slate-800">
            Default card: <span className="font-semibold">{cardLabel(card.brand, card.last4)}</span>, expires{" "}
            {expiryLabel(card.expMonth, card.expYear)}.
          </p>
          <ChargeCardForm
            invoiceId={invoice.id}
            defaultAmount={centsToInput(balance)}
            cardText={cardLabel(card.brand, card.last4)}
            action={chargeCardOnFileAction}
          />
        </>
      ) : (
        <p className="text-slate-700">
          This client has no card on file. They can add one in the portal under Billing → Payment method.
        </p>
      )}
    </section>
  );
}
