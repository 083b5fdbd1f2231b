import "server-only";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import type { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { SQL } from "drizzle-orm";
import { PgDatabase, PgPreparedQuery } from "drizzle-orm/pg-core";
import { env } from "@/lib/core/env";
import { toDatabaseError } from "@/lib/core/errors";
import { noteStatement } from "@/lib/core/sql-count";
import * as schema from "./schema";
import { PgliteThread } from "./pglite-thread";

/** Where server.mjs puts its "stop this process, it cannot serve" function (lib/core/server-lifecycle.mjs). */
const FATAL_HOOK = Symbol.for("haven.fatal");

/**
 * The one database client (docs/decisions.md, Code conventions: One database client). postgres.js when DATABASE_URL is set, otherwise the
 * embedded PGlite database in DATA_DIR. Opened lazily and cached on globalThis so that `next build`
 * workers and dev reloads never open the PGlite folder twice (docs/decisions.md, Platform notes: Database opened lazily, cached on globalThis).
 */
export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle; functions that write take `Db | Tx` so callers can compose one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/**
 * Query errors without PHI (docs/decisions.md "Errors and logging"). In drizzle 0.45 every query of both drivers
 * (postgres.js and PGlite, in or out of a transaction) runs through PgPreparedQuery#queryWithCache, which
 * wraps the driver's error in a DrizzleQueryError whose message lists the parameters. Wrapping that one method
 * turns it into a DatabaseError (SQLSTATE, constraint, table, query name; no message text, no cause) before
 * any caller, our logger or Next's error reporting can see it. Patched once per process, at import, so clients
 * created elsewhere (tests, scripts) are covered too; an upgrade that renames the method fails loudly here.
 */
function sanitizeQueryErrors() {
  const proto = PgPreparedQuery.prototype as unknown as {
    queryWithCache?: (sql: string, params: unknown[], q: () => Promise<unknown>) => Promise<unknown>;
    __havenSanitized?: boolean;
  };
  if (proto.__havenSanitized) return;
  const original = proto.queryWithCache;
  if (typeof original !== "function")
    throw new Error("drizzle-orm changed: PgPreparedQuery#queryWithCache is gone; update db/index.ts");
  proto.queryWithCache = async function (this: unknown, sql, params, query) {
    noteStatement(sql);
    try {
      return await original.call(this, sql, params, query);
    } catch (e) {
      throw toDatabaseError(e, sql);
    }
  };
  // A transaction's own statements (BEGIN/COMMIT, e.g. a deferred constraint failing at COMMIT) are sent by the
  // driver outside any prepared query: the same conversion for whatever escapes `transaction()`.
  const dbProto = PgDatabase.prototype as unknown as { transaction: (...a: unknown[]) => Promise<unknown> };
  const transaction = dbProto.transaction;
  dbProto.transaction = async function (this: unknown, ...args: unknown[]) {
    noteStatement("begin");
    try {
      const result = await transaction.apply(this, args);
      noteStatement("commit");
      return result;
    } catch (e) {
      throw toDatabaseError(e);
    }
  };
  proto.__havenSanitized = true;
}
sanitizeQueryErrors();

type Listener = (payload: string) => void;
type Handle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** LISTEN on a channel with the driver's own mechanism; resolves to an unlisten function. */
  listen: (channel: string, fn: Listener) => Promise<() => Promise<void>>;
};
const g = globalThis as unknown as { __havenDb?: Handle };

function open(): Handle {
  // `next build` must never open the database (docs/decisions.md, Platform notes: One process per PGlite folder).
  if (isBuildPhase()) throw new Error("The database was opened during `next build`; make the page dynamic.");
  const url = env().DATABASE_URL;
  if (url) {
    const client = postgres(url, { max: env().DATABASE_POOL_MAX, onnotice: () => {} });
    return {
      db: drizzlePostgres(client, { schema }),
      kind: "postgres",
      close: () => client.end({ timeout: 5 }),
      // postgres.js keeps one dedicated connection for all LISTENs of this client and re-listens after a reconnect.
      listen: async (channel, fn) => {
        const sub = await client.listen(channel, fn);
        return () => sub.unlisten();
      },
    };
  }
  const dir = pgliteDir();
  if (dir !== "memory://") fs.mkdirSync(dir, { recursive: true });
  // PGlite in its own thread (db/pglite-thread.ts), each statement prepared under a name there, like postgres.js
  // does on a real server (db/pglite-prepared.ts).
  // A thread that stops on its own (it died, or the folder's lock was lost) leaves a server whose every call fails:
  // the server ends the process instead, so that its manager starts it again (server.mjs, FATAL_HOOK). Scripts and
  // tests have no such hook; they see their calls fail.
  const client = new PgliteThread(dir, {
    onStopped: (why) => {
      const fatal = (globalThis as Record<symbol, ((reason: string) => void) | undefined>)[FATAL_HOOK];
      fatal?.(why === "lost" ? "embedded database folder's lock lost" : "embedded database thread stopped");
    },
  });
  // Typed as the postgres.js client: the query builder is the same, a union type breaks drizzle's overloads.
  // drizzle calls only `query` and `transaction` on it (db/pglite-thread.ts), hence the cast to its PGlite type.
  const db = drizzlePglite(client as unknown as PGlite, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
    listen: async (channel, fn) => client.listen(channel, fn),
  };
}

function isBuildPhase() {
  // eslint-disable-next-line no-restricted-properties -- set by Next itself, not configuration
  return process.env.NEXT_PHASE === "phase-production-build";
}

export function pgliteDir(): string {
  const dataDir = env().DATA_DIR;
  return dataDir === "memory://" ? "memory://" : path.resolve(dataDir, "pglite");
}

function handle(): Handle {
  g.__havenDb ??= open();
  return g.__havenDb;
}

export function getDb(): Db {
  return handle().db;
}

export function dbKind(): "postgres" | "pglite" {
  return handle().kind;
}

/** `db` forwards to the lazily opened client, so importing this module never opens anything. */
export const db: Db = new Proxy({} as Db, {
  get(_t, prop) {
    const real = getDb() as unknown as Record<string | symbol, unknown>;
    const value = real[prop];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(real) : value;
  },
});

/** Raw SQL returning rows on both drivers (postgres.js returns an array, PGlite `{ rows }`). */
export async function execRows<T = Record<string, unknown>>(q: SQL, on: DbOrTx = db): Promise<T[]> {
  const result = (await on.execute(q)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Hears NOTIFY on `channel` from every process sharing the database (docs/decisions.md, Messaging: live delivery):
 * PostgreSQL's LISTEN on postgres.js, PGlite's own listen in the embedded database. Payloads carry ids only.
 */
export function listen(channel: string, fn: Listener): Promise<() => Promise<void>> {
  return handle().listen(channel, fn);
}

export async function closeDb() {
  const h = g.__havenDb;
  g.__havenDb = undefined;
  if (h) await h.close();
}

export { schema };
