import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { dbKind, execRows } from "@/db";
import { startDatabaseUpkeep, stopDatabaseUpkeep, upkeepRound } from "./upkeep";

/**
 * docs/decisions.md "Embedded database upkeep": PGlite has no autovacuum, so Haven analyses and vacuums its tables
 * itself. What the planner knows of a table is pg_class's row count (-1 until the table is first analysed or
 * vacuumed) and its count of all-visible pages (set by VACUUM, which index-only scans rely on).
 */
const probe = sql.raw(`public.upkeep_probe`);

async function planner() {
  const [r] = await execRows<{ reltuples: number; relallvisible: number }>(
    sql`select reltuples::int as reltuples, relallvisible from pg_class where oid = 'public.upkeep_probe'::regclass`,
  );
  return { rows: Number(r.reltuples), allVisible: Number(r.relallvisible) };
}

async function freshProbe(rows: number) {
  await execRows(sql`drop table if exists ${probe}`);
  await execRows(sql`create table ${probe} (id int primary key, note text)`);
  await execRows(sql`insert into ${probe} select g, 'row ' || g from generate_series(1, ${rows}) g`);
}

describe("database upkeep", () => {
  beforeAll(() => freshProbe(500));
  afterEach(() => stopDatabaseUpkeep());
  afterAll(() => execRows(sql`drop table if exists ${probe}`));

  it("analyses every table in a round, and a vacuum round reclaims deleted rows and marks pages all-visible", async () => {
    expect((await planner()).rows).toBe(-1);

    const tables = await upkeepRound();
    expect(tables).toBeGreaterThan(30);
    expect(await planner()).toMatchObject({ rows: 500 });

    await execRows(sql`delete from ${probe} where id <= 100`);
    await upkeepRound({ vacuum: true });
    const after = await planner();
    expect(after.rows).toBe(400);
    expect(after.allVisible).toBeGreaterThan(0);
  });

  it("starts at boot on the embedded database only: PostgreSQL's own autovacuum does it there", async () => {
    await freshProbe(300);
    expect((await planner()).rows).toBe(-1);
    await startDatabaseUpkeep();
    expect((await planner()).rows).toBe(dbKind() === "pglite" ? 300 : -1);
  });
});
