import "server-only";
import { sql } from "drizzle-orm";
import { dbKind, execRows } from "./index";
import { HOUR } from "@/lib/core/clock";
import { log } from "@/lib/core/log";

/**
 * Upkeep of the embedded database (docs/decisions.md "Embedded database upkeep"). PostgreSQL's autovacuum keeps a
 * server's tables analysed (the row counts and value spreads the planner chooses plans by) and reclaims the rows
 * updates and deletes leave behind. PGlite runs Postgres in single-user mode, where there is no autovacuum: left
 * alone, its tables are never analysed, so every plan is chosen for guessed sizes (the dashboard's statement ran
 * three times slower than with its tables analysed), and the rows left by sessions touched every minute, autosaved
 * drafts and pruned emails are never reclaimed.
 *
 * So on PGlite Haven does it itself: every table is analysed once the server has migrated (and seeded) at boot,
 * then every hour; once a day each table is vacuumed as well. One table per statement: PGlite runs one statement at
 * a time, so requests run between the tables, never behind the whole round. On PostgreSQL nothing runs here.
 */
export const UPKEEP_EVERY_MS = HOUR;
/** The first hourly round after boot vacuums as well as analyses, then every this many rounds (once a day). */
export const VACUUM_EVERY_ROUNDS = 24;

/** The application's tables (the migrations' own bookkeeping is left out), quoted for use in a statement. */
async function tables(): Promise<string[]> {
  const rows = await execRows<{ name: string }>(
    sql`select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  return rows.map((r) => r.name);
}

/**
 * One round: ANALYZE (or, with `vacuum`, VACUUM (ANALYZE)) of each table in turn. Returns how many tables it did.
 * A table that fails is logged by name (a table name is not PHI) and the round goes on to the next.
 */
export async function upkeepRound({ vacuum = false }: { vacuum?: boolean } = {}): Promise<number> {
  const started = Date.now();
  let done = 0;
  for (const table of await tables()) {
    try {
      await execRows(sql.raw(vacuum ? `VACUUM (ANALYZE) ${table}` : `ANALYZE ${table}`));
      done++;
    } catch (e) {
      log.error("database upkeep failed on a table", e, { table });
    }
  }
  log.info("database upkeep", { tables: done, vacuum, ms: Date.now() - started });
  return done;
}

const g = globalThis as unknown as { __havenUpkeep?: NodeJS.Timeout };
let inFlight: Promise<unknown> | null = null;

function run(opts: { vacuum?: boolean }) {
  if (inFlight) return inFlight;
  inFlight = upkeepRound(opts)
    .catch((e) => log.error("database upkeep round failed", e))
    .finally(() => (inFlight = null));
  return inFlight;
}

/**
 * Called at boot after migrations and the seed (lib/boot.ts): on PGlite, analyses every table now (awaited, so the
 * first requests already have plans made for the real tables) and starts the hourly rounds.
 */
export async function startDatabaseUpkeep(intervalMs = UPKEEP_EVERY_MS) {
  if (dbKind() !== "pglite" || g.__havenUpkeep) return;
  await run({});
  let rounds = 0;
  g.__havenUpkeep = setInterval(() => {
    rounds++;
    void run({ vacuum: rounds % VACUUM_EVERY_ROUNDS === 1 });
  }, intervalMs);
  g.__havenUpkeep.unref?.();
}

/** Stops the rounds and waits for one already running, so the database is never closed under it (shutdown). */
export async function stopDatabaseUpkeep() {
  if (g.__havenUpkeep) clearInterval(g.__havenUpkeep);
  g.__havenUpkeep = undefined;
  await inFlight;
}
