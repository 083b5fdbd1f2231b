import { afterAll, beforeAll } from "vitest";
import postgres from "postgres";
import { randomBytes } from "node:crypto";
import { closeDb, getDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/lib/demo/seed";

/**
 * Each integration file gets its own database through the app's ordinary configuration (db/index.ts): a copy of
 * the run's migrated PostgreSQL template (created by lib/test/global-setup.ts) as DATABASE_URL, or else an
 * in-memory PGlite. Files never see each other's rows, so a test may count what it finds.
 */
let fileDb: { admin: string; name: string } | undefined;

beforeAll(async () => {
  const template = process.env.HAVEN_TEST_DB_URL;
  if (template) {
    const url = new URL(template);
    const name = `${url.pathname.slice(1)}_f${randomBytes(4).toString("hex")}`;
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${url.pathname.slice(1)}`);
    await admin.end();
    fileDb = { admin: process.env.TEST_DATABASE_URL!, name };
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
  } else {
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
  if (fileDb) {
    const admin = postgres(fileDb.admin, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${fileDb.name} WITH (FORCE)`);
    await admin.end();
  }
});
