/**
 * Structured logs. Never pass PHI, tokens, PINs or emails here (docs/product.md, Sign-in rule 8). Errors are described
 * by `describeError`, which never prints an arbitrary error's message as it is (docs/decisions.md "Errors and
 * logging"): messages of unknown errors can carry values (a driver's 'invalid input syntax for type date: "…"',
 * a library echoing its input), so
 * - DatabaseError (db/index.ts) and raw PostgreSQL errors: name, SQLSTATE, constraint, table, query name;
 * - our expected errors: name and status (their messages may quote what the user typed);
 * - any other Error: name, a scrubbed message (quoted text, emails, URLs, numbers and token-like runs removed),
 *   the stack's frames (never its message lines) and the cause described the same way;
 * - anything thrown that is not an Error: only its type.
 */
type Level = "debug" | "info" | "warn" | "error";
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  // lib/env would be the place, but logging must work even when configuration is broken.
  const v = (globalThis.process?.env?.LOG_LEVEL ?? "info") as Level;
  return order[v] ?? 20;
}

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  if (order[level] < threshold()) return;
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** Removes what could be a value from an error message; keeps its wording so the log still says what failed. */
export function scrubMessage(message: string): string {
  return message
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "[url]")
    .replace(/[^\s@"'`<>()]+@[^\s@"'`<>()]+/g, "[email]")
    .replace(/"[^"]*"|'[^']*'|`[^`]*`|“[^”]*”/g, '"…"')
    .replace(/\([^()]*\)=\([^()]*\)/g, "(…)=(…)")
    .replace(/[A-Za-z0-9_\-+/=]{20,}/g, "[token]")
    .replace(/\d{2,}/g, "#")
    .slice(0, 300);
}

const IDENT = /^[A-Za-z0-9_.]{1,63}$/;
const ident = (v: unknown) => (typeof v === "string" && IDENT.test(v) ? v : undefined);

function frames(stack: unknown): string | undefined {
  if (typeof stack !== "string") return undefined;
  const at = stack
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .map((l) => l.replace(/\?[^\s):]*/g, ""));
  return at.length ? at.join("\n") : undefined;
}

/** A description of a thrown value that is safe to log (see the module comment). */
export function describeError(err: unknown, depth = 0): Record<string, unknown> | string | undefined {
  if (err === undefined) return undefined;
  if (typeof err !== "object" || err === null || !(err instanceof Error)) {
    // A thrown string or object could be anything; its type is all we print.
    return `non-error value thrown (${err === null ? "null" : typeof err})`;
  }
  const e = err as Error & Record<string, unknown>;
  const name = ident(e.name) ?? "Error";
  if (name === "DatabaseError" && "queryName" in e) {
    return {
      name,
      code: e.code,
      constraint: e.constraint ?? undefined,
      table: e.table ?? undefined,
      column: e.column ?? undefined,
      queryName: e.queryName ?? undefined,
      stack: frames(e.stack),
    };
  }
  if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code) && "severity" in e) {
    return {
      name: "PostgresError",
      code: e.code,
      constraint: ident(e.constraint_name ?? e.constraint),
      table: ident(e.table_name ?? e.table),
      stack: frames(e.stack),
    };
  }
  if ("params" in e && "query" in e) {
    // drizzle's DrizzleQueryError, should one ever escape db/index.ts: its message lists the parameters.
    return {
      name: "DrizzleQueryError",
      cause: depth < 3 ? describeError(e.cause, depth + 1) : undefined,
      stack: frames(e.stack),
    };
  }
  if (e.expected === true) return { name, status: typeof e.status === "number" ? e.status : undefined };
  return {
    name,
    code: ident(e.code),
    message: scrubMessage(String(e.message ?? "")),
    stack: frames(e.stack),
    cause: depth < 3 && e.cause !== undefined ? describeError(e.cause, depth + 1) : undefined,
  };
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, err?: unknown, f?: Record<string, unknown>) =>
    write("error", m, { ...f, error: describeError(err) }),
};
