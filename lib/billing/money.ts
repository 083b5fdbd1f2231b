/**
 * Money, totals, balances and invoice status: computed here and nowhere else (one place, so the portal, PDFs and payments can never disagree on a balance).
 * Every amount is an integer number of cents; nothing here uses floating-point arithmetic on money.
 */

export type Cents = number;

function assertCents(n: number, what = "amount"): void {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number of cents`);
}

/** The charge of one line: units × fee per unit. */
export function lineAmount(units: number, unitFeeCents: Cents): Cents {
  assertCents(units, "units");
  assertCents(unitFeeCents, "fee");
  if (units < 1) throw new RangeError("units must be at least 1");
  return units * unitFeeCents;
}

export function sumCents(amounts: readonly Cents[]): Cents {
  let total = 0;
  for (const a of amounts) {
    assertCents(a);
    total += a;
  }
  return total;
}

export function invoiceTotal(lines: readonly { units: number; unitFeeCents: Cents }[]): Cents {
  return sumCents(lines.map((l) => lineAmount(l.units, l.unitFeeCents)));
}

export function balanceDue(totalCents: Cents, paidCents: Cents): Cents {
  assertCents(totalCents);
  assertCents(paidCents);
  return Math.max(0, totalCents - paidCents);
}

export type InvoiceStatus = "draft" | "sent" | "partially_paid" | "paid" | "void";

/**
 * An invoice's balance as shown on screen and in its PDF: a draft shows what it will ask for once sent, a void
 * invoice asks for nothing.
 */
export function invoiceBalance(i: { status: string; totalCents: Cents; paidCents: Cents }): Cents {
  return i.status === "void" ? 0 : balanceDue(i.totalCents, i.paidCents);
}

/** What a client owes across invoices: drafts are not yet owed and void ones never are. */
export function amountOwed(list: readonly { status: string; totalCents: Cents; paidCents: Cents }[]): Cents {
  return sumCents(list.filter((i) => i.status !== "draft").map(invoiceBalance));
}

/** The status of an issued invoice after payments: nothing paid → sent, some → partially paid, all → paid. */
export function statusAfterPayment(totalCents: Cents, paidCents: Cents): Exclude<InvoiceStatus, "draft" | "void"> {
  if (paidCents <= 0) return "sent";
  if (paidCents >= totalCents) return "paid";
  return "partially_paid";
}

/** Whether a payment of `amountCents` may be applied: positive and not more than what is still owed. */
export function checkPayment(totalCents: Cents, paidCents: Cents, amountCents: Cents): string | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return "Enter an amount greater than zero.";
  if (amountCents > balanceDue(totalCents, paidCents)) return "The amount is more than the balance due.";
  return null;
}

/** The least a client may pay online at once: $1, or the whole balance when less than $1 is left. */
export const MIN_CLIENT_PAYMENT_CENTS = 100;

/**
 * Whether a client may pay `amountCents` of a balance online (partial payments): at least $1 (or the rest when less
 * is left) and never more than the balance due. The same rule runs in the browser (the pay form's zod schema) and
 * on the server against the balance as it is when the invoice is locked.
 */
export function clientPaymentProblem(balanceCents: Cents, amountCents: Cents): string | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return "Enter an amount greater than zero.";
  if (amountCents > balanceCents) return `The most you can pay is the balance due, ${formatCents(balanceCents)}.`;
  const least = Math.min(MIN_CLIENT_PAYMENT_CENTS, balanceCents);
  if (amountCents < least) return `Pay at least ${formatCents(least)}.`;
  return null;
}

/** Whether a payment may be dated `receivedOn` when the practice's day is `today`: never in the future. */
export function receivedOnProblem(receivedOn: string | undefined, today: string): string | null {
  if (receivedOn && receivedOn > today) return "The date received cannot be in the future.";
  return null;
}

/** A statement's closing balance: opening + charges − payments. */
export function closingBalance(openingCents: Cents, chargesCents: Cents, paymentsCents: Cents): Cents {
  assertCents(openingCents);
  return openingCents + sumCents([chargesCents]) - sumCents([paymentsCents]);
}

/** Dollars as typed → cents: the one parser lives with the other validators (lib/core/validation.ts). */

/** "$1,234.50"; negative amounts as "−$12.00" (a credit); zero is always "$0.00", never "−$0.00". */
export function formatCents(cents: Cents): string {
  assertCents(cents);
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(cents);
  const dollars = Math.floor(abs / 100).toLocaleString("en-US");
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, "0")}`;
}

/** A payment or credit shown as a deduction: "−$90.00", and "$0.00" (not "−$0.00") when there is none. */
export function formatDeduction(cents: Cents): string {
  return formatCents(cents === 0 ? 0 : -cents);
}

/** "120.00" for an input's default value. */
export function centsToInput(cents: Cents): string {
  assertCents(cents);
  return `${Math.floor(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
}

/** Spreads an invoice's payments over its lines in order (first line first), for the superbill's "paid" column. */
export function allocatePaid(lineAmounts: readonly Cents[], paidCents: Cents): Cents[] {
  let left = Math.max(0, paidCents);
  return lineAmounts.map((a) => {
    const part = Math.min(a, left);
    left -= part;
    return part;
  });
}
