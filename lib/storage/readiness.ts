import "server-only";
import { sql } from "drizzle-orm";
import { dbKind, execRows } from "@/db";
import { log } from "@/lib/core/log";
import { configuredBackend, getStore } from "./index";

export type Readiness = {
  status: "ready" | "not ready";
  database: { kind?: "postgres" | "pglite"; state: "up" | "down"; latencyMs: number };
  storage: { backend: string; state: "up" | "down"; latencyMs: number };
};

const TIMEOUT_MS = 3000;

async function timed(what: string, check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} check timed out`)), TIMEOUT_MS))),
    ]);
    return { ok: true, ms: Date.now() - started };
  } catch (e) {
    // Only the error's name is logged (a message could carry a URL or a key); the response says only "down".
    log.warn("readiness check failed", { check: what, error: e instanceof Error ? e.name : "unknown" });
    return { ok: false, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * /api/ready: can this server reach its database (a query, not only a connection) and the store new files go to
 * (lib/storage/types.ts `check`)? No PHI: states, the backend's name and timings only.
 */
export async function checkReadiness(): Promise<Readiness> {
  const backend = configuredBackend();
  const [database, storage] = await Promise.all([
    timed("database", () => execRows(sql`select 1 as ok`)),
    timed("storage", () => getStore().check()),
  ]);
  let kind: "postgres" | "pglite" | undefined;
  try {
    kind = dbKind();
  } catch {
    kind = undefined;
  }
  return {
    status: database.ok && storage.ok ? "ready" : "not ready",
    database: { kind, state: database.ok ? "up" : "down", latencyMs: database.ms },
    storage: { backend, state: storage.ok ? "up" : "down", latencyMs: storage.ms },
  };
}
