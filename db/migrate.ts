import "server-only";
import path from "node:path";
import { getDb, dbKind } from "./index";

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

/** Applies the committed drizzle-kit migrations (idempotent). */
export async function runMigrations() {
  const db = getDb();
  if (dbKind() === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    await migrate(db, { migrationsFolder });
  }
}
