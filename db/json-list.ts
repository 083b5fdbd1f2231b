import "server-only";
import { Column, is, sql, SQL, type SQLWrapper } from "drizzle-orm";
import type { SelectResultFields } from "drizzle-orm/query-builders/select.types";

/** A flat selection: each key a column or an SQL expression (with its `mapWith` decoder, if any). */
export type ListFields = Record<string, Column | SQL | SQL.Aliased>;

/**
 * One list as one column of a bigger SELECT (docs/performance.md "One statement per page's lists"): a page that
 * shows several lists of one profile reads them all in one statement, each as a scalar sub-select
 *
 *   coalesce((select json_agg(t.row) from (<the list's own query>) t), '[]')
 *
 * (drizzle puts the sub-query in parentheses.) `query` receives the row to select, `json_build_array(<fields in order>)`, and returns the list's ordinary
 * drizzle query (its joins, scope, order and limit unchanged): `(row) => db.select({ row }).from(…).where(…)`. The
 * aggregate keeps the sub-query's order, as drizzle's own relational queries rely on. Each value is decoded by
 * its field's own decoder, as drizzle does for the relational queries' JSON (timestamps become Dates, etc.), so
 * the rows have the same types as `db.select(fields)` would give.
 */
export function jsonList<F extends ListFields>(
  fields: F,
  query: (row: SQL.Aliased<unknown>) => SQLWrapper,
): SQL<SelectResultFields<F>[]> {
  const keys = Object.keys(fields);
  const row = sql`json_build_array(${sql.join(
    keys.map((k) => sql`${fields[k]}`),
    sql`, `,
  )})`.as("row");
  return sql<
    SelectResultFields<F>[]
  >`coalesce((select json_agg(${sql.identifier("t")}.${sql.identifier("row")}) from ${query(row)} ${sql.identifier("t")}), '[]'::json)`.mapWith(
    (value: unknown) => decodeRows(fields, keys, value),
  );
}

function decodeRows<F extends ListFields>(fields: F, keys: string[], value: unknown): SelectResultFields<F>[] {
  // postgres.js and PGlite both parse json columns; a string would be a driver that does not.
  const rows = (typeof value === "string" ? JSON.parse(value) : value) as unknown[][];
  return rows.map((values) => {
    const out: Record<string, unknown> = {};
    keys.forEach((k, i) => {
      const v = values[i];
      out[k] = v === null || v === undefined ? null : decoderOf(fields[k]).mapFromDriverValue(v);
    });
    return out as SelectResultFields<F>;
  });
}

function decoderOf(field: Column | SQL | SQL.Aliased): { mapFromDriverValue: (v: unknown) => unknown } {
  if (is(field, Column)) return field;
  // drizzle keeps an expression's `mapWith` decoder on the SQL object without declaring it in its types.
  const expr = (is(field, SQL) ? field : field.sql) as unknown as {
    decoder: { mapFromDriverValue: (v: unknown) => unknown };
  };
  return expr.decoder;
}

/**
 * A list's query built for a selection the caller chooses (its rows, or `{ row }` for `jsonList`). Such a function
 * builds it with `select as SelectedFields` (drizzle's builder types cannot follow a generic selection through the
 * joins) and returns it as this: awaited, it gives the rows of `S`.
 */
export type ListQuery<S> = SQLWrapper & PromiseLike<SelectResultFields<S>[]>;
