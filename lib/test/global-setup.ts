import postgres from "postgres";
import { randomBytes } from "node:crypto";

/**
 * Integration tests: with TEST_DATABASE_URL, create a migrated template database for this run; each test file
 * then gets its own copy of it (lib/test/integration-setup.ts), as each file gets its own in-memory PGlite
 * without TEST_DATABASE_URL. So no file sees another's rows, on either database. Everything is dropped after.
 */
export default async function setup() {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return;
  const name = `haven_test_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.HAVEN_TEST_DB_URL = url.toString();
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await migrate(drizzle(client), { migrationsFolder: "db/migrations" });
  await client.end();
  return async () => {
    const admin2 = postgres(base, { max: 1, onnotice: () => {} });
    // The template and any per-file copy a crashed file left behind.
    const left = await admin2<{ datname: string }[]>`select datname from pg_database where datname like ${name + "%"}`;
    for (const { datname } of left) await admin2.unsafe(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin2.end();
  };
}
