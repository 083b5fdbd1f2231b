import "server-only";
import { sql } from "drizzle-orm";
import { dbKind, getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemoPractice } from "@/lib/demo/seed";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";
import { startEmailDeliverer } from "@/lib/email/deliver";
import { maybeCleanupStrayData } from "@/lib/documents/cleanup";
import { startMessageNotifier } from "@/lib/messaging/notify";

/**
 * Runs once per server process (instrumentation.ts), never during `next build`. On the embedded database
 * this is the only process that opens the data folder, so migrating and seeding here is safe (docs/decisions.md, Platform notes: One process per PGlite folder:
 * two processes on one PGlite folder lose writes). On PostgreSQL an advisory lock serialises several servers.
 */
export async function boot() {
  const started = Date.now();
  const kind = dbKind();
  if (kind === "postgres") {
    await getDb().transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(72817001)`);
      await runMigrations();
    });
  } else {
    await runMigrations();
  }
  const seed = env().SEED_DEMO;
  if (seed === "on" || (seed === "auto" && kind === "pglite")) await seedDemoPractice();
  startEmailDeliverer();
  startMessageNotifier();
  // Uploads cut off before a crash leave staging data; sweep it now as well as when uploads start.
  maybeCleanupStrayData();
  log.info("haven ready", { database: kind, ms: Date.now() - started });
}
