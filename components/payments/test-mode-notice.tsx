/** Shown wherever payments appear without Stripe keys (docs/product.md, Payments: a clearly labelled test mode). */
export function TestModeNotice({ compact = false }: { compact?: boolean }) {
  return (
    <div
      role="note"
      aria-label="Test mode"
      className="rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950"
    >
      <p className="font-semibold">
        <span className="mr-2 inline-block rounded bg-amber-800 px-2 py-0.5 text-sm font-bold uppercase tracking-wide text-white">
          Test mode
        </span>
        No real cards are charged.
      </p>
      {compact ? null : (
        <p className="mt-1 text-sm">
          Payments run locally because Stripe is not set up. Use Stripe&apos;s test cards: 4242 4242 4242 4242 succeeds,
          4000 0000 0000 0002 is declined; any future expiry and any 3-digit security code. The card number never leaves
          this page.
        </p>
      )}
    </div>
  );
}
