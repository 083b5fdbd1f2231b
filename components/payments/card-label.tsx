import { cardLabel, expiryLabel } from "@/lib/payments/test-cards";

/** "Visa •••• 4242 · Expires 12/30" */
export function CardLabel({ brand, last4, expMonth, expYear }: { brand: string; last4: string; expMonth: number; expYear: number }) {
  return (
    <span className="flex flex-col">
      <span className="font-semibold text-slate-900">{cardLabel(brand, last4)}</span>
      <span className="text-sm text-slate-700">Expires {expiryLabel(expMonth, expYear)}</span>
    </span>
  );
}
