/**
 * CSV for the audit export (RFC 4180 quoting) made safe to open in a spreadsheet: a cell that starts with
 * = + - @, a tab or a carriage return is prefixed with a single quote so it is shown as text, never run as a
 * formula (OWASP "CSV Injection").
 */
export function csvCell(value: unknown): string {
  let s =
    value === null || value === undefined
      ? ""
      : value instanceof Date
        ? value.toISOString()
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(values: unknown[]): string {
  return values.map(csvCell).join(",") + "\r\n";
}
