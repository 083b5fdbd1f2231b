import { afterEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { users } from "@/db/schema";
import { statementsDuring } from "@/lib/test/sql-statements";
import { noteStatement, SQL_COUNT_MARK } from "./sql-count";

/** The bench's statement counter (docs/performance.md): one line per statement the app sends, only when asked. */
const captured = (run: () => Promise<unknown>) => statementsDuring(run, { enable: false });

describe("SQL statement counting for the bench", () => {
  afterEach(() => {
    delete process.env.BENCH_COUNT_SQL;
  });

  it("prints nothing unless BENCH_COUNT_SQL is set", async () => {
    const lines = await captured(async () => {
      await db.select({ id: users.id }).from(users).limit(1);
    });
    expect(lines).toEqual([]);
  });

  it("counts each query, raw SQL and a transaction's BEGIN and COMMIT, without parameter values", async () => {
    process.env.BENCH_COUNT_SQL = "1";
    const lines = await captured(async () => {
      await db
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.email} = ${"secret@example.com"}`);
      await execRows(sql`select 1 as one`);
      await db.transaction(async (tx) => {
        await tx.select({ id: users.id }).from(users).limit(1);
      });
    });
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^haven-sql select "id" from "users"/);
    expect(lines.join("\n")).not.toContain("secret@example.com");
    expect(lines[2]).toBe("haven-sql begin");
    expect(lines[4]).toBe("haven-sql commit");
  });

  it("shortens long statements to one line", () => {
    process.env.BENCH_COUNT_SQL = "true";
    const out: string[] = [];
    noteStatement(`select\n  ${"a, ".repeat(100)}b\nfrom t`, (l) => out.push(l));
    expect(out).toHaveLength(1);
    expect(out[0].endsWith("\n")).toBe(true);
    expect(out[0].trim().length).toBeLessThanOrEqual(SQL_COUNT_MARK.length + 1 + 100);
  });
});
