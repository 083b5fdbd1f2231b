/**
 * A card's expiry as people type it (runs in the browser; docs/decisions.md, Client home: card form). A phone's
 * numeric keypad has no "/", so "1229" must work as well as "12/29", "12 / 29", "12/2029" and "1/29".
 */

/** What the expiry field shows while typing: digits get a slash after the month ("1229" → "12/29"). */
export function formatExpiryInput(raw: string): string {
  // The person typed a separator: keep it, padding a one-digit month ("1/" → "01/").
  const sep = /^\s*(\d{1,2})\s*[/\-.]\s*(\d*)/.exec(raw);
  if (sep) return `${sep[1].padStart(2, "0")}/${sep[2].slice(0, 4)}`;
  let d = raw.replace(/\D/g, "").slice(0, 6);
  // A first digit of 2–9 can only be a one-digit month.
  if (/^[2-9]/.test(d)) d = `0${d}`.slice(0, 6);
  return d.length <= 2 ? d : `${d.slice(0, 2)}/${d.slice(2)}`;
}

/** Month and four-digit year, or null when it is not a month and year. */
export function parseExpiry(raw: string): { month: number; year: number } | null {
  const s = raw.trim();
  const m = /^(\d{1,2})\s*[/\-.]\s*(\d{2}|\d{4})$/.exec(s) ?? /^(\d{2})(\d{2}|\d{4})$/.exec(s.replace(/\s+/g, ""));
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}
