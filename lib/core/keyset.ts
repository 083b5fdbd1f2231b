import "server-only";
import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/**
 * Keyset pagination for the long lists (audit log, invoices, alerts, messages, documents; docs/decisions.md
 * "Keyset pagination"). A page is "the N rows after (or before) this (sort key, id)", never "skip N rows": the
 * database walks an index from the cursor, so page 1 and page 20,000 cost the same, and a row added while someone
 * pages moves nothing under them.
 *
 * The cursor in the URL is opaque and carries no PHI: base64url of the row's timestamp (at full microsecond
 * precision, read from the database as text; a JS Date would drop the microseconds and skip rows that share a
 * millisecond) and its id. It only says *where* to start: the query still holds the principal's ownership
 * conditions, so a cursor copied from someone else's list positions nothing but the reader's own rows.
 */

/** `?after=` walks to older rows (the next page), `?before=` back to newer ones. */
export type PageRequest = { dir: "after" | "before"; key: string; id: string } | null;

const KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SERIAL = /^[1-9]\d{0,17}$/;

export function encodeCursor(key: string, id: string | number): string {
  return Buffer.from(`${key}_${id}`, "utf8").toString("base64url");
}

/** The (key, id) a token holds, or null for anything that is not one this module wrote. */
export function decodeCursor(token: string): { key: string; id: string } | null {
  if (token.length > 120 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const text = Buffer.from(token, "base64url").toString("utf8");
  const at = text.indexOf("_");
  if (at < 0) return null;
  const key = text.slice(0, at);
  const id = text.slice(at + 1);
  if (!KEY.test(key) || Number.isNaN(Date.parse(key))) return null;
  if (!UUID.test(id) && !SERIAL.test(id)) return null;
  return { key, id };
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/**
 * The page a query string asks for. A cursor that does not decode (edited, truncated, from an old link) is no
 * cursor: the list starts at its newest rows and `invalid` lets the page say so, rather than failing.
 */
export function readPageRequest(params: Params, list = ""): { page: PageRequest; invalid: boolean } {
  const get = (k: string) => {
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    return typeof v === "string" ? v : undefined;
  };
  for (const dir of ["after", "before"] as const) {
    const token = get(pageParam(dir, list));
    if (token === undefined) continue;
    const c = decodeCursor(token);
    return c ? { page: { dir, ...c }, invalid: false } : { page: null, invalid: true };
  }
  return { page: null, invalid: false };
}

/** The sort column as exact text (UTC, microseconds), selected beside each row to make its cursor from. */
export function cursorKey(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export type Keyset = { sort: PgColumn; id: PgColumn; idType: "uuid" | "bigint" };

export type KeysetPage<T> = {
  rows: T[];
  /** Token for `?before=`: the page of newer rows, or null when this is the newest page. */
  newer: string | null;
  /** Token for `?after=`: the page of older rows, or null when this is the last page. */
  older: string | null;
};

type Query<T> = (where: SQL | undefined, orderBy: SQL[], limit: number) => Promise<T[]>;

/**
 * One page of a newest-first list. `run` adds the condition and order to the caller's own query (which holds the
 * ownership conditions) and selects `cursorKey(sort)` as `cursorKey` and the id as `id`.
 */
export async function keysetPage<T extends { cursorKey: string; id: string | number }>(
  ks: Keyset,
  page: PageRequest,
  size: number,
  run: Query<T>,
): Promise<KeysetPage<T>> {
  const bound = (op: "<" | ">", p: NonNullable<PageRequest>) =>
    ks.idType === "uuid"
      ? sql`(${ks.sort}, ${ks.id}) ${sql.raw(op)} (${p.key}::timestamptz, ${p.id}::uuid)`
      : sql`(${ks.sort}, ${ks.id}) ${sql.raw(op)} (${p.key}::timestamptz, ${p.id}::bigint)`;
  const cursorOf = (r: T) => encodeCursor(r.cursorKey, r.id);
  // An id of the wrong shape for this list (a serial id given to a uuid list) matches nothing: start over.
  if (page && (ks.idType === "uuid" ? !UUID.test(page.id) : !SERIAL.test(page.id))) page = null;

  if (page?.dir === "before") {
    const found = await run(bound(">", page), [asc(ks.sort), asc(ks.id)], size + 1);
    // Nothing newer than the cursor (a hand-made one, or the rows moved on): the newest page instead.
    if (found.length === 0) return keysetPage(ks, null, size, run);
    const rows = found.slice(0, size).reverse();
    return {
      rows,
      newer: found.length > size && rows.length ? cursorOf(rows[0]) : null,
      older: rows.length ? cursorOf(rows[rows.length - 1]) : null,
    };
  }
  const found = await run(page ? bound("<", page) : undefined, [desc(ks.sort), desc(ks.id)], size + 1);
  if (page && found.length === 0) return keysetPage(ks, null, size, run);
  const rows = found.slice(0, size);
  return {
    rows,
    newer: page && rows.length ? cursorOf(rows[0]) : null,
    older: found.length > size ? cursorOf(rows[rows.length - 1]) : null,
  };
}

/** The query parameter of one direction: `after`, or `uploads_after` when a page holds two lists. */
export function pageParam(dir: "after" | "before", list = ""): string {
  return list ? `${list}_${dir}` : dir;
}

/**
 * `path?after=token` (or before) for one list; `keep` carries the other lists' positions so paging one list of a
 * page leaves the other where it was. Null when there is no such page.
 */
export function pageHref(
  path: string,
  dir: "after" | "before",
  token: string | null,
  list = "",
  keep: Record<string, string | null | undefined> = {},
): string | null {
  if (!token) return null;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(keep)) if (v) q.set(k, v);
  q.set(pageParam(dir, list), token);
  return `${path}?${q.toString()}`;
}

/** The raw position parameters of one list (to keep it in place while another list of the page moves). */
export function keepPosition(params: Params, list = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const dir of ["after", "before"] as const) {
    const k = pageParam(dir, list);
    const v = params instanceof URLSearchParams ? params.get(k) : params[k];
    if (typeof v === "string" && v.length <= 120) out[k] = v;
  }
  return out;
}
