/**
 * Card-number helpers for the local test mode's card form. This module runs IN THE BROWSER: the number is read,
 * checked and reduced to brand + last 4 here, and only those (with the expiry and a random token) are sent to the
 * server (PCI SAQ A: card numbers never reach our server). It is also used by the Luhn scan in the tests.
 */
import { luhnValid } from "@/lib/core/validation";
import { parseExpiry } from "./expiry";

/** Luhn checksum, as every card number carries one (the one implementation is in lib/core/validation). */

export type CardBrand = "visa" | "mastercard" | "amex" | "discover" | "unknown";

export function brandOf(digits: string): CardBrand {
  if (/^4/.test(digits)) return "visa";
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(digits)) return "mastercard";
  if (/^3[47]/.test(digits)) return "amex";
  if (/^(6011|65|64[4-9])/.test(digits)) return "discover";
  return "unknown";
}

export const BRAND_LABEL: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  unknown: "Card",
};

/** "Visa •••• 4242": how a saved card is named everywhere (docs/product.md, Payments: brand, last four digits and expiry). */
export function cardLabel(brand: string, last4: string): string {
  return `${BRAND_LABEL[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1)} •••• ${last4}`;
}

export function expiryLabel(month: number, year: number): string {
  return `${String(month).padStart(2, "0")}/${String(year).slice(-2)}`;
}

/**
 * Stripe's documented test card numbers (https://docs.stripe.com/testing). Test mode accepts only these, so a
 * real card number is refused in the browser before anything happens. What a card does when used is decided
 * by the local provider on the server from its last 4 (see lib/payments/local.ts), as Stripe decides from the number.
 */
export const TEST_CARDS: Record<string, { description: string }> = {
  "4242424242424242": { description: "Visa: succeeds" },
  "4000056655665556": { description: "Visa (debit): succeeds" },
  "5555555555554444": { description: "Mastercard: succeeds" },
  "2223003122003222": { description: "Mastercard (2-series): succeeds" },
  "378282246310005": { description: "American Express: succeeds" },
  "6011111111111117": { description: "Discover: succeeds" },
  "4000000000000002": { description: "Declined (generic decline)" },
  "4000000000009995": { description: "Declined (insufficient funds)" },
  "4000000000000069": { description: "Declined (expired card)" },
  "4000000000000127": { description: "Declined (incorrect CVC)" },
  "4000000000000341": { description: "Saves, but charges are declined" },
};

export function digitsOnly(v: string): string {
  return v.replace(/\D/g, "");
}

/** Groups digits for display as the person types: 4242 4242 4242 4242 (Amex 4-6-5). */
export function formatCardNumber(v: string): string {
  const d = digitsOnly(v).slice(0, 19);
  if (brandOf(d) === "amex") return [d.slice(0, 4), d.slice(4, 10), d.slice(10, 15)].filter(Boolean).join(" ");
  return d.replace(/(\d{4})(?=\d)/g, "$1 ");
}

export type LocalCardResult =
  | { ok: true; brand: CardBrand; last4: string; expMonth: number; expYear: number }
  | { ok: false; field: "number" | "expiry" | "cvc"; message: string };

/** Checks the test-mode card form in the browser; returns only what may leave the browser. */
export function readTestCard(input: { number: string; expiry: string; cvc: string }, today: Date): LocalCardResult {
  const digits = digitsOnly(input.number);
  if (digits.length < 13 || digits.length > 19 || !luhnValid(digits))
    return { ok: false, field: "number", message: "Your card number is incomplete or invalid." };
  if (!TEST_CARDS[digits])
    return {
      ok: false,
      field: "number",
      message:
        "Test mode accepts only Stripe's test card numbers, such as 4242 4242 4242 4242. No real card is charged.",
    };
  // "1229" from a phone's numeric keypad, "12/29" or "12 / 29" (lib/payments/expiry.ts).
  const exp = parseExpiry(input.expiry);
  if (!exp) return { ok: false, field: "expiry", message: "Enter the expiry date as MM/YY, for example 12/29." };
  const { month: expMonth, year: expYear } = exp;
  const nowIndex = today.getFullYear() * 12 + today.getMonth();
  if (expYear * 12 + (expMonth - 1) < nowIndex)
    return { ok: false, field: "expiry", message: "Your card's expiry date is in the past." };
  const brand = brandOf(digits);
  const cvcLength = brand === "amex" ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(input.cvc.trim()))
    return { ok: false, field: "cvc", message: `Enter the ${cvcLength}-digit security code.` };
  return { ok: true, brand, last4: digits.slice(-4), expMonth, expYear };
}

/**
 * Every Luhn-valid 13–19 digit number in a text, bare or written in groups of 4 (the "no card data" scan).
 * Card numbers start with 2–6 (the major networks' issuer ranges); millisecond timestamps (17…) are not cards.
 * A run of digits inside a longer word (a sha256 hex digest, a token) is not a number on its own: random hex
 * holds Luhn-valid 15-digit runs often enough to make a scan of session hashes fail by chance.
 */
export function findCardNumbers(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![0-9A-Za-z])[2-6]\d{12,18}(?![0-9A-Za-z])/g))
    if (luhnValid(m[0])) found.push(m[0]);
  for (const m of text.matchAll(/(?<![0-9A-Za-z])[2-6]\d{3}(?:[ -]\d{4}){2}[ -]\d{1,7}(?![0-9A-Za-z])/g)) {
    const d = digitsOnly(m[0]);
    if (d.length >= 13 && d.length <= 19 && luhnValid(d)) found.push(m[0]);
  }
  return found;
}
