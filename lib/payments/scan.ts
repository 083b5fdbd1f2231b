import "server-only";
import { sql } from "drizzle-orm";
import { execRows, type DbOrTx, db } from "@/db";
import { findCardNumbers } from "./test-cards";

/**
 * PCI SAQ A check used by the tests: every row of every table in the database, as text, scanned for Luhn-valid
 * 13–19 digit numbers (card numbers). Returns where each was found.
 */
export async function scanDatabaseForCardNumbers(on: DbOrTx = db): Promise<{ table: string; match: string }[]> {
  const tables = await execRows<{ schema: string; name: string }>(
    sql`select table_schema as schema, table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`,
    on,
  );
  const found: { table: string; match: string }[] = [];
  for (const t of tables) {
    const rows = await execRows<{ j: string }>(
      sql.raw(`select row_to_json(t)::text as j from "${t.schema.replace(/"/g, "")}"."${t.name.replace(/"/g, "")}" t`),
      on,
    );
    for (const r of rows)
      for (const match of findCardNumbers(r.j)) found.push({ table: `${t.schema}.${t.name}`, match });
  }
  return found;
}
