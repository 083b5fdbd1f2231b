/** "tel:+15035550100" from "(503) 555-0100": a 10-digit number is a US one. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, "");
  return `tel:${/^\d{10}$/.test(digits) ? `+1${digits}` : digits}`;
}

/** A phone number a person can tap to call (docs/decisions.md, Navigation and polish). */
export function PhoneLink({ phone, className = "" }: { phone: string; className?: string }) {
  return (
    <a href={telHref(phone)} className={`font-medium text-brand-800 underline underline-offset-2 ${className}`.trim()}>
      {phone}
    </a>
  );
}
