import "server-only";
import { sql } from "drizzle-orm";
import type { Principal } from "@/lib/core/principal";
import { getDb, type Db } from "./index";

/**
 * Statements built once per database client (docs/decisions.md "Statements built once"). Drizzle builds a statement's SQL
 * text from its query-builder tree on every run; for the statements every signed-in page sends (the settings, the
 * session check, the own-profiles list, a page's lists) that building cost more than running them on the embedded
 * database (the portal home's lists: 0.58 ms to build, 0.23 ms to run). A prepared statement is built once with
 * placeholders (drizzle's `.prepare`) and then only run with values: the same SQL text, so the same rows.
 *
 * `name` must say everything the shape depends on: a statement that differs by role is prepared once per role
 * (e.g. `dashboard.todos.clinician`). Only the database client itself prepares, never a transaction; statements
 * are kept per client, so a closed and reopened database (tests) builds them again. On PostgreSQL, postgres.js
 * also prepares them on each connection (named, planned once); on PGlite every statement already is
 * (db/pglite-prepared.ts).
 */
type Runnable<R> = { execute(values?: Record<string, unknown>): Promise<R> };

const byClient = new WeakMap<Db, Map<string, Runnable<unknown>>>();

export function runPrepared<R>(
  name: string,
  build: (db: Db) => Runnable<R>,
  values: Record<string, unknown> = {},
): Promise<R> {
  const client = getDb();
  let statements = byClient.get(client);
  if (!statements) byClient.set(client, (statements = new Map()));
  let statement = statements.get(name) as Runnable<R> | undefined;
  if (!statement) {
    statement = build(client);
    statements.set(name, statement);
  }
  return statement.execute(values);
}

/**
 * A placeholder for a text value (an id) in a statement built by `runPrepared`, typed as the string the query
 * helpers take: the helper writes it into the SQL as `$n`, and the value is given when the statement runs. A helper
 * that looked at the value itself (validated it, compared it) would see an object, not an id: such a helper cannot
 * be used in a prepared statement (lib/test/prepared-statements.int.test.ts compares prepared and unprepared results).
 */
export function textPlaceholder(name: string): string {
  return sql.placeholder(name) as unknown as string;
}

/**
 * A principal for building a prepared statement: its role is the real one (a statement's shape depends on it, so
 * it is part of the statement's name), its user, session and active-profile ids are placeholders (`principalValues`
 * gives their values; no active profile is NULL, which equals nothing, as the nil id a scope falls back to), and
 * reading anything else (name, email) throws, so no one person's value can be built into a statement shared by
 * everyone.
 */
export function placeholderPrincipal<P extends Principal>(role: P["role"]): P {
  const p = {
    role,
    userId: textPlaceholder("userId"),
    sessionId: textPlaceholder("sessionId"),
    activeProfileId: textPlaceholder("activeProfileId"),
  };
  return new Proxy(p, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === "then" || typeof prop === "symbol") return undefined;
      throw new Error(`A prepared statement cannot use the principal's ${String(prop)} (db/prepared.ts)`);
    },
  }) as unknown as P;
}

/**
 * The FROM of a SELECT whose columns are all sub-selects (a page's lists, each scoped by its own query): exactly
 * one row, whatever the lists hold.
 */
export function oneRow() {
  return sql`(select 1) as ${sql.identifier("one")}`;
}

/** The values of `placeholderPrincipal`'s placeholders for one principal. */
export function principalValues(p: Pick<Principal, "userId" | "sessionId" | "activeProfileId">) {
  return { userId: p.userId, sessionId: p.sessionId, activeProfileId: p.activeProfileId };
}
