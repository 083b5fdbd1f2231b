/**
 * The expected errors whose messages reach users (docs/decisions.md, Code conventions: Expected errors). Anything else is logged and shown
 * as a generic message, so an unexpected error can never leak internals or secrets.
 */
export class ExpectedError extends Error {
  readonly expected = true;
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
/** Not found, or not yours: an outsider cannot tell the two apart. */
export class NotFoundError extends ExpectedError {
  constructor(message = "Not found.") {
    super(message, 404);
  }
}
export class ForbiddenError extends ExpectedError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403);
  }
}
export class UnauthenticatedError extends ExpectedError {
  constructor(message = "Please sign in.") {
    super(message, 401);
  }
}
export class ValidationError extends ExpectedError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message, 400);
  }
}
export class ConflictError extends ExpectedError {
  constructor(message: string) {
    super(message, 409);
  }
}
export const TOO_MANY_ATTEMPTS = "Too many attempts. Try again later, or call your provider's office for a PIN code.";

export function isExpectedError(e: unknown): e is ExpectedError {
  return (
    e instanceof ExpectedError ||
    (typeof e === "object" && e !== null && (e as { expected?: unknown }).expected === true)
  );
}

/** Next's redirect()/notFound() are thrown as errors but are control flow: wrappers rethrow them untouched. */
export function isNextControlFlow(e: unknown): boolean {
  const digest = (e as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND")
  );
}

export const GENERIC_ERROR = "Something went wrong on our side. Nothing you entered was lost; please try again.";

/**
 * A failed database query, reported without its parameters or PostgreSQL's message text (both can carry PHI:
 * drizzle's message lists the parameters; PostgreSQL writes values into messages such as
 * 'invalid input syntax for type date: "…"' and details such as 'Key (email)=(…) already exists').
 * Only identifiers are kept: the SQLSTATE code, the constraint, table and column names, and a query name
 * ("insert email_outbox") made from the statement's verb and first table. There is deliberately no `cause`:
 * Next and util.inspect print causes whole. Raised by db/index.ts for every query on both drivers.
 */
export class DatabaseError extends Error {
  readonly code: string | null;
  readonly constraint: string | null;
  readonly table: string | null;
  readonly column: string | null;
  readonly queryName: string | null;
  constructor(info: {
    code?: string | null;
    constraint?: string | null;
    table?: string | null;
    column?: string | null;
    queryName?: string | null;
  }) {
    const code = safeIdent(info.code);
    const parts = [`code ${code ?? "unknown"}`];
    for (const k of ["constraint", "table", "column"] as const)
      if (safeIdent(info[k])) parts.push(`${k} ${safeIdent(info[k])}`);
    super(`Database query${info.queryName ? ` "${info.queryName}"` : ""} failed (${parts.join(", ")}).`);
    this.name = "DatabaseError";
    this.code = code;
    this.constraint = safeIdent(info.constraint);
    this.table = safeIdent(info.table);
    this.column = safeIdent(info.column);
    this.queryName = info.queryName ?? null;
  }
  /** 23505: the row would duplicate a unique key (the caller may turn it into a ConflictError). */
  get isUniqueViolation() {
    return this.code === "23505";
  }
}

/** SQL identifiers and SQLSTATE codes only: anything else (a value) is dropped. */
function safeIdent(v: unknown): string | null {
  return typeof v === "string" && /^[A-Za-z0-9_.]{1,63}$/.test(v) ? v : null;
}

/** "insert email_outbox", "select client_profiles": the statement's verb and first table, never its values. */
export function queryNameOf(sql: unknown): string | null {
  if (typeof sql !== "string") return null;
  const verb =
    /^\s*(?:with\b[\s\S]*?\)\s*)?(select|insert|update|delete|begin|commit|rollback|savepoint|release|create|alter|drop|lock|set)\b/i
      .exec(sql)?.[1]
      ?.toLowerCase();
  if (!verb) return null;
  const table = /\b(?:from|into|update|join)\s+"?([A-Za-z_][A-Za-z0-9_]{0,62})"?/i.exec(sql)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/** The identifying fields of a PostgreSQL error (postgres.js uses *_name, PGlite the short names). */
type PgErrorFields = {
  code: string;
  constraint?: string;
  constraint_name?: string;
  table?: string;
  table_name?: string;
  column?: string;
  column_name?: string;
};

/** A PostgreSQL error from either driver (postgres.js PostgresError, PGlite DatabaseError): has a SQLSTATE. */
export function isPostgresError(e: unknown): e is PgErrorFields {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as { code?: unknown }).code === "string" &&
    /^[0-9A-Z]{5}$/.test((e as { code: string }).code) &&
    "severity" in e
  );
}

/** Turns a driver or drizzle query error into a DatabaseError (see above); other errors pass through. */
export function toDatabaseError(e: unknown, sql?: string): unknown {
  if (e instanceof DatabaseError) return e;
  const drizzleQuery = typeof e === "object" && e !== null && "params" in e && "query" in e;
  const pg = isPostgresError(e)
    ? e
    : drizzleQuery && isPostgresError((e as { cause?: unknown }).cause)
      ? ((e as unknown as { cause: unknown }).cause as PgErrorFields)
      : null;
  if (!pg && !drizzleQuery) return e;
  const info = pg ? pgInfo(pg) : {};
  return new DatabaseError({ ...info, queryName: queryNameOf(sql ?? (e as { query?: unknown }).query) });
}

function pgInfo(pg: PgErrorFields) {
  // postgres.js names the fields constraint_name/table_name/column_name; PGlite constraint/table/column.
  return {
    code: pg.code,
    constraint: pg.constraint_name ?? pg.constraint,
    table: pg.table_name ?? pg.table,
    column: pg.column_name ?? pg.column,
  };
}
