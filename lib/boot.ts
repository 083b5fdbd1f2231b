import "server-only";
import { sql } from "drizzle-orm";
import { closeDb, dbKind, getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemoPractice } from "@/lib/demo/seed";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";
import { startEmailDeliverer, stopEmailDeliverer } from "@/lib/email/deliver";
import { startAppointmentJobs, stopAppointmentJobs } from "@/lib/appointments/jobs";
import { maybeCleanupStrayData } from "@/lib/documents/cleanup";
import { startMessageNotifier, stopMessageNotifier } from "@/lib/messaging/notify";
import { startOutboxRetention, stopOutboxRetention } from "@/lib/email/retention";
import { startPdfWorkers, stopPdfWorkers } from "@/lib/core/pdf-pool";
import { startDatabaseUpkeep, stopDatabaseUpkeep } from "@/db/upkeep";

/**
 * Runs once per server process (instrumentation.ts), never during `next build`. On the embedded database
 * this is the only process that opens the data folder, so migrating and seeding here is safe (docs/decisions.md, Platform notes: One process per PGlite folder:
 * two processes on one PGlite folder lose writes). On PostgreSQL an advisory lock serialises several servers.
 */
export async function boot() {
  const started = Date.now();
  const kind = dbKind();
  const seed = env().SEED_DEMO;
  const seeding = seed === "on" || (seed === "auto" && kind === "pglite");
  if (kind === "postgres") {
    // Several servers starting at once: one migrates and seeds while the others wait on the lock, then find the
    // work done (docs/decisions.md "Running several servers, shutdown and readiness").
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(72817001)`);
      await runMigrations();
      if (seeding) await seedDemoPractice();
    });
  } else {
    await runMigrations();
    if (seeding) await seedDemoPractice();
    // PGlite has no autovacuum: its tables are analysed now and every hour, vacuumed daily (db/upkeep.ts).
    await startDatabaseUpkeep();
  }
  startEmailDeliverer();
  (globalThis as Record<symbol, unknown>)[SHUTDOWN_HOOK] = shutdown;
  // Appointment reminders and measures before visits: each server sweeps; the database lets one claim each.
  startAppointmentJobs();
  startMessageNotifier();
  // Delivered emails older than OUTBOX_RETENTION_DAYS are removed in small batches (failed ones are kept).
  startOutboxRetention();
  // The PDF worker thread loads its renderer now rather than on the first download.
  startPdfWorkers();
  // Uploads cut off before a crash leave staging data; sweep it now as well as when uploads start.
  maybeCleanupStrayData();
  log.info("haven ready", { database: kind, ms: Date.now() - started });
}

/** The hook server.mjs calls on SIGTERM once requests have drained (lib/core/server-lifecycle.mjs). */
const SHUTDOWN_HOOK = Symbol.for("haven.shutdown");

/** Stops background work, releases this server's outbox leases and closes the database (PGlite flushes its folder). */
async function shutdown() {
  stopAppointmentJobs();
  stopMessageNotifier();
  await stopOutboxRetention();
  await stopEmailDeliverer();
  await stopPdfWorkers();
  await stopDatabaseUpkeep();
  await closeDb();
  log.info("haven stopped");
}
