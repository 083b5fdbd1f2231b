import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { test, expect } from "@playwright/test";
import { findCardNumbers } from "../lib/payments/test-cards";

/**
 * PCI SAQ A, checked after the whole browser suite (this file's Playwright project depends on all the others):
 * no Luhn-valid 13–19 digit number in the server's log or anywhere in its database.
 *
 * How: the web server's stdout/stderr are teed to a file (playwright.config.ts). The server still holds the
 * embedded database while specs run (Playwright stops webServer after global teardown, and a second process
 * on a live PGlite folder loses writes: docs/decisions.md, Platform notes: One process per PGlite folder), so we never open the live folder: we copy it once the
 * suite is idle and open the COPY here (PGlite syncs each commit to disk, and opening replays the WAL like
 * crash recovery), then read every row of every table as text, as a database dump would.
 */
const dataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";
const serverLog = process.env.E2E_SERVER_LOG ?? `${dataDir}.server.log`;

test("the server log has no card number", async () => {
  const log = fs.readFileSync(serverLog, "utf8");
  expect(log.length, "the server log was captured").toBeGreaterThan(0);
  expect(log).toContain("haven ready");
  expect(findCardNumbers(log)).toEqual([]);
});

type Query = <T>(sql: string) => Promise<T[]>;

/**
 * A read-only view of the e2e database. PGlite: a copy of the folder (never the live one). PostgreSQL (when the
 * suite ran on E2E_DATABASE_URL): the suite's own database on that server, read over a connection of its own.
 */
async function openE2eDatabase(): Promise<{ query: Query; close: () => Promise<void> }> {
  const adminUrl = process.env.E2E_DATABASE_URL;
  if (adminUrl) {
    const u = new URL(adminUrl);
    u.pathname = `/haven_e2e_${process.env.E2E_PORT ?? 3100}`;
    const sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
    return { query: async <T>(q: string) => (await sql.unsafe(q)) as unknown as T[], close: () => sql.end() };
  }
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "haven-e2e-scan-"));
  fs.cpSync(path.resolve(dataDir, "pglite"), copy, { recursive: true });
  const pg = new PGlite(copy);
  return {
    query: async <T>(q: string) => (await pg.query<T>(q)).rows,
    close: async () => {
      await pg.close();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

test("a dump of every table of the e2e database has no card number", async () => {
  test.setTimeout(120_000);
  const db = await openE2eDatabase();
  try {
    const tables = await db.query<{ schema: string; name: string }>(
      "select table_schema as schema, table_name as name from information_schema.tables where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')",
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining(["payment_methods", "card_authorizations", "payments", "email_outbox", "audit_log"]),
    );
    const found: string[] = [];
    let rowCount = 0;
    for (const t of tables) {
      const rows = await db.query<{ j: string }>(`select row_to_json(t)::text as j from "${t.schema}"."${t.name}" t`);
      rowCount += rows.length;
      for (const r of rows) for (const m of findCardNumbers(r.j)) found.push(`${t.schema}.${t.name}: ${m}`);
    }
    expect(rowCount).toBeGreaterThan(0);
    expect(found).toEqual([]);
  } finally {
    await db.close();
  }
});
