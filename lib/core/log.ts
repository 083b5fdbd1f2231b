/**
 * Structured logs. Never pass PHI, tokens, PINs or emails here (docs/product.md, Sign-in rule 8; docs/decisions.md, Platform notes: Drizzle query errors carry parameters);
 * errors are logged by name, message and stack only.
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

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write("debug", m, f),
  info: (m: string, f?: Record<string, unknown>) => write("info", m, f),
  warn: (m: string, f?: Record<string, unknown>) => write("warn", m, f),
  error: (m: string, err?: unknown, f?: Record<string, unknown>) =>
    write("error", m, {
      ...f,
      error: err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err === undefined ? undefined : String(err),
    }),
};
