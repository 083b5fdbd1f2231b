import { env } from "./env";

/**
 * Bench only (docs/performance.md): with BENCH_COUNT_SQL set, every SQL statement the app sends (queries, and the
 * BEGIN/COMMIT of a transaction) prints one line `haven-sql <statement's first words>` on standard output. The
 * bench sends one request at a time and counts the lines between them, which gives statements per request.
 * The text is the statement as written in the code, before parameters are bound: no values, so no PHI.
 * Off (one property read) in every other run.
 */
export const SQL_COUNT_MARK = "haven-sql";

export function noteStatement(statement: string, write: (line: string) => void = defaultWrite): void {
  if (!env().BENCH_COUNT_SQL) return;
  // Only the start is printed, so only the start is tidied (a statement can be kilobytes long).
  write(`${SQL_COUNT_MARK} ${statement.slice(0, 400).replace(/\s+/g, " ").trim().slice(0, 100)}\n`);
}

function defaultWrite(line: string) {
  process.stdout.write(line);
}
