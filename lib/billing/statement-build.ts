import { closingBalance, sumCents, type Cents } from "./money";

export type LedgerEntry = { date: string; kind: "charge" | "payment"; description: string; amountCents: Cents };
export type StatementContent = {
  periodStart: string;
  periodEnd: string;
  /**
   * The day the statement reflects (docs/decisions.md, Money: "as of"): nothing dated after it is counted. Older
   * snapshots have none; readers fill in the day they were generated.
   */
  asOf?: string;
  openingBalanceCents: Cents;
  entries: LedgerEntry[];
  chargesCents: Cents;
  paymentsCents: Cents;
  closingBalanceCents: Cents;
  /** Activity after the period up to the as-of day (a payment that came in after the period ended). */
  laterEntries?: LedgerEntry[];
  /** The account's balance on the as-of day: closing balance + later charges − later payments. */
  balanceAsOfCents?: Cents;
};

const signed = (e: LedgerEntry) => (e.kind === "charge" ? e.amountCents : -e.amountCents);
const byDate = (a: LedgerEntry, b: LedgerEntry) =>
  a.date === b.date ? (a.kind === b.kind ? 0 : a.kind === "charge" ? -1 : 1) : a.date < b.date ? -1 : 1;

/**
 * A statement from the profile's ledger (docs/product.md, Billing: opening balance, charges, payments, closing
 * balance), as of a day. Entries before the start make the opening balance; entries inside the period (and not
 * after the as-of day) are listed by date, charges before payments on the same day, and always satisfy
 * opening + charges − payments = closing. Entries after the period up to the as-of day are listed apart and give
 * the balance as of that day, so a statement regenerated later shows payments that came in since.
 */
export function buildStatement(
  periodStart: string,
  periodEnd: string,
  ledger: readonly LedgerEntry[],
  asOf: string = periodEnd,
): StatementContent {
  const upTo = ledger.filter((e) => e.date <= asOf);
  const before = upTo.filter((e) => e.date < periodStart);
  const within = upTo.filter((e) => e.date >= periodStart && e.date <= periodEnd);
  const later = upTo.filter((e) => e.date > periodEnd).sort(byDate);
  const openingBalanceCents = sumCents(before.map(signed));
  const entries = [...within].sort(byDate);
  const chargesCents = sumCents(entries.filter((e) => e.kind === "charge").map((e) => e.amountCents));
  const paymentsCents = sumCents(entries.filter((e) => e.kind === "payment").map((e) => e.amountCents));
  const closingBalanceCents = closingBalance(openingBalanceCents, chargesCents, paymentsCents);
  return {
    periodStart,
    periodEnd,
    asOf,
    openingBalanceCents,
    entries,
    chargesCents,
    paymentsCents,
    closingBalanceCents,
    laterEntries: later,
    balanceAsOfCents: closingBalanceCents + sumCents(later.map(signed)),
  };
}
