import { closingBalance, sumCents, type Cents } from "./money";

export type LedgerEntry = { date: string; kind: "charge" | "payment"; description: string; amountCents: Cents };
export type StatementContent = {
  periodStart: string;
  periodEnd: string;
  openingBalanceCents: Cents;
  entries: LedgerEntry[];
  chargesCents: Cents;
  paymentsCents: Cents;
  closingBalanceCents: Cents;
};

/**
 * A statement from the profile's ledger up to the end of the period (docs/product.md, Billing: opening balance,
 * charges, payments, closing balance). Entries before the start make the opening balance; entries inside the
 * period are listed by date, charges before payments on the same day.
 */
export function buildStatement(
  periodStart: string,
  periodEnd: string,
  ledger: readonly LedgerEntry[],
): StatementContent {
  const before = ledger.filter((e) => e.date < periodStart);
  const within = ledger.filter((e) => e.date >= periodStart && e.date <= periodEnd);
  const signed = (e: LedgerEntry) => (e.kind === "charge" ? e.amountCents : -e.amountCents);
  const openingBalanceCents = sumCents(before.map(signed));
  const entries = [...within].sort((a, b) =>
    a.date === b.date ? (a.kind === b.kind ? 0 : a.kind === "charge" ? -1 : 1) : a.date < b.date ? -1 : 1,
  );
  const chargesCents = sumCents(entries.filter((e) => e.kind === "charge").map((e) => e.amountCents));
  const paymentsCents = sumCents(entries.filter((e) => e.kind === "payment").map((e) => e.amountCents));
  return {
    periodStart,
    periodEnd,
    openingBalanceCents,
    entries,
    chargesCents,
    paymentsCents,
    closingBalanceCents: closingBalance(openingBalanceCents, chargesCents, paymentsCents),
  };
}
