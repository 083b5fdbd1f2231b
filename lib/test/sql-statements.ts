import { SQL_COUNT_MARK } from "@/lib/core/sql-count";

/**
 * The SQL statements sent while `run` runs, counted in-process with the bench's counter (lib/core/sql-count.ts):
 * one `haven-sql …` line each (statement text, never values), taken off stdout for the duration. With
 * `enable: false` BENCH_COUNT_SQL is left as the caller set it (the counter's own test).
 */
export async function statementsDuring(
  run: () => Promise<unknown>,
  { enable = true }: { enable?: boolean } = {},
): Promise<string[]> {
  const lines: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  if (enable) process.env.BENCH_COUNT_SQL = "1";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith(SQL_COUNT_MARK)) lines.push(text.trim());
    else return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
    return true;
  }) as typeof process.stdout.write;
  try {
    await run();
  } finally {
    process.stdout.write = original;
    if (enable) delete process.env.BENCH_COUNT_SQL;
  }
  return lines;
}
