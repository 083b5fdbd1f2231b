import { afterAll, beforeAll } from "vitest";
import { closeDb, getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/lib/demo/seed";

/**
 * Each integration file gets its own database through the app's ordinary configuration (db/index.ts): the run's
 * PostgreSQL database (created by lib/test/global-setup.ts) as DATABASE_URL, or else an in-memory PGlite.
 */
beforeAll(async () => {
  const url = process.env.HAVEN_TEST_DB_URL;
  if (url) process.env.DATABASE_URL = url;
  else {
    // DATA_DIR=memory:// only while the client opens: the handle stays cached, and files and generated keys keep
    // going to the test DATA_DIR (.data/test, vitest.config.ts) instead of the developer's .data.
    const dataDir = process.env.DATA_DIR;
    process.env.DATA_DIR = "memory://";
    try {
      getDb();
    } finally {
      process.env.DATA_DIR = dataDir;
    }
    await runMigrations();
  }
  await seedDemo();
}, 60_000);

afterAll(async () => {
  await closeDb();
});
