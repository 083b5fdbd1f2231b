/**
 * The one HTML escaper and the one LIKE-pattern escaper (docs/decisions.md "Validators"). Pure, for server
 * and browser alike.
 */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text → HTML text or attribute value (double- or single-quoted). React escapes on its own; this is for HTML we write by hand. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML[c]);
}

/**
 * Text → a literal inside a LIKE/ILIKE pattern: `%`, `_` and the escape character `\` itself lose their meaning
 * (PostgreSQL's default escape character is the backslash), so a search for "50%" finds "50%", not "50…".
 */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** "%text%" for a contains-search. */
export const containsPattern = (s: string) => `%${escapeLike(s)}%`;
