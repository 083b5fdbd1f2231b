/**
 * A tap-to-call link for a phone number as the practice typed it ("(503) 555-0100", "+1 503 555 0100 ext. 2"):
 * digits and a leading + only (+1 added to a 10-digit US number), an extension as a pause (","), or null when there are too few digits to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const [main, ext] = phone.split(/\s*(?:ext\.?|extension|x)\s*/i);
  const digits = main.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");
  if (digits.replace(/\D/g, "").length < 3) return null;
  const extDigits = ext?.replace(/\D/g, "");
  // A 10-digit number without a country code is a US one (the product is US-only): dial it as +1.
  const dial = /^\d{10}$/.test(digits) ? `+1${digits}` : digits;
  return `tel:${dial}${extDigits ? `,${extDigits}` : ""}`;
}
