import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { MAX_STATEMENTS, withPreparedStatements } from "./pglite-prepared";

/**
 * docs/decisions.md "Prepared statements on PGlite": statements sent prepared under a name give exactly what
 * PGlite's own unnamed path gives (rows, types, counts, errors), in and out of transactions, and the database
 * stays usable after errors and after old statements are closed.
 */
let plain: PGlite;
let prepared: PGlite;

const setup = `
  create table t (id serial primary key, name text, at timestamptz, day date, n numeric, big bigint, tags text[],
    doc jsonb, flag boolean);
  insert into t (name, at, day, n, big, tags, doc, flag) values
    ('a', '2026-12-04T10:00:00Z', '2026-12-04', 12.50, 9007199254740993, '{x,y}', '{"k":[1,2]}', true),
    ('b', null, null, null, null, null, null, null);`;

beforeAll(async () => {
  plain = new PGlite("memory://");
  prepared = withPreparedStatements(new PGlite("memory://"));
  await plain.exec(setup);
  await prepared.exec(setup);
});
afterAll(async () => {
  await plain.close();
  await prepared.close();
});

/** What drizzle passes: array rows and its own parsers for dates (kept as text). */
const drizzleOptions = () => ({
  rowMode: "array" as const,
  parsers: { 1184: (v: string) => v, 1082: (v: string) => v },
});

describe("PGlite with named prepared statements", () => {
  it("gives the same rows, fields and counts as PGlite's own path, with and without the caller's parsers", async () => {
    const cases: [string, unknown[], object | undefined][] = [
      ["select * from t order by id", [], undefined],
      ["select * from t where name = $1", ["a"], drizzleOptions()],
      ["select id, at, day, tags, doc from t where id = any($1::int[]) order by id", [[1, 2]], drizzleOptions()],
      [
        "select $1::jsonb as j, $2::timestamptz as at, $3::text[] as arr",
        [{ a: 1 }, new Date("2026-01-02T03:04:05Z"), ["p", "q"]],
        undefined,
      ],
      ["select count(*)::int as n from t where flag is not distinct from $1", [null], undefined],
    ];
    for (const [sql, params, opts] of cases) {
      for (let i = 0; i < 2; i++) {
        // twice: the first parses and names the statement, the second reuses it
        const a = await plain.query(sql, params, opts);
        const b = await prepared.query(sql, params, opts);
        expect(b.rows).toEqual(a.rows);
        expect(b.fields).toEqual(a.fields);
        expect(b.affectedRows).toBe(a.affectedRows);
      }
    }
    const [{ at, big }] = (await prepared.query<{ at: Date; big: bigint }>("select at, big from t where id = 1")).rows;
    expect(at).toEqual(new Date("2026-12-04T10:00:00Z"));
    expect(big).toBe(9007199254740993n);
  });

  it("counts the rows a write changed, and a rolled-back transaction leaves nothing", async () => {
    const ins = await prepared.query("insert into t (name) values ($1), ($2)", ["c", "d"]);
    expect(ins.affectedRows).toBe(2);
    await expect(
      prepared.transaction(async (tx) => {
        await tx.query("insert into t (name) values ($1)", ["in-tx"]);
        expect((await tx.query("select count(*)::int as n from t where name = $1", ["in-tx"])).rows).toEqual([
          { n: 1 },
        ]);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect((await prepared.query("select count(*)::int as n from t where name = $1", ["in-tx"])).rows).toEqual([
      { n: 0 },
    ]);
    // The statements named inside the rolled-back transaction still work after it.
    await prepared.transaction(async (tx) => {
      await tx.query("insert into t (name) values ($1)", ["kept"]);
    });
    expect((await prepared.query("select count(*)::int as n from t where name = $1", ["kept"])).rows).toEqual([
      { n: 1 },
    ]);
  });

  it("throws Postgres's own errors and stays usable: bad parameters, bad SQL, constraint violations", async () => {
    await expect(prepared.query("select * from t where id = $1", ["not-a-number"])).rejects.toMatchObject({
      code: "22P02",
    });
    expect((await prepared.query("select name from t where id = $1", [1])).rows).toEqual([{ name: "a" }]);
    // A statement that fails to parse is not remembered: the same text fails again the same way.
    await expect(prepared.query("selec nothing")).rejects.toMatchObject({ code: "42601" });
    await expect(prepared.query("selec nothing")).rejects.toMatchObject({ code: "42601" });
    await expect(prepared.query("insert into t (id, name) values ($1, $2)", [1, "dup"])).rejects.toMatchObject({
      code: "23505",
    });
    expect((await prepared.query("select count(*)::int as n from t where id = $1", [1])).rows).toEqual([{ n: 1 }]);
  });

  it("keeps answering correctly after more distinct statements than it keeps named", async () => {
    for (let i = 0; i < MAX_STATEMENTS + 20; i++) {
      const r = await prepared.query(`select $1::int + ${i} as v`, [1]);
      expect(r.rows).toEqual([{ v: 1 + i }]);
    }
    // The oldest were closed to make room; running them again names them afresh.
    expect((await prepared.query("select $1::int + 0 as v", [5])).rows).toEqual([{ v: 5 }]);
    const named = await prepared.query<{ n: number }>("select count(*)::int as n from pg_prepared_statements");
    expect(named.rows[0].n).toBeLessThanOrEqual(MAX_STATEMENTS);
  });

  it("never runs inside another caller's transaction", async () => {
    let inside = false;
    const tx = prepared.transaction(async (t) => {
      inside = true;
      await new Promise((r) => setTimeout(r, 50));
      await t.query("insert into t (name) values ($1)", ["tx-row"]);
      inside = false;
    });
    // Sent while the transaction is open: it waits for it, and sees its row.
    await new Promise((r) => setTimeout(r, 10));
    const seen = prepared.query("select count(*)::int as n from t where name = $1", ["tx-row"]).then((r) => {
      expect(inside).toBe(false);
      return r.rows;
    });
    await tx;
    expect(await seen).toEqual([{ n: 1 }]);
  });
});
