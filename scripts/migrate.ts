// `npm run db:migrate`: applies migrations to DATABASE_URL (or the embedded database while no server runs).
import { closeDb, dbKind } from "@/db";
import { runMigrations } from "@/db/migrate";

runMigrations()
  .then(async () => {
    console.log(`migrations applied (${dbKind()})`);
    await closeDb();
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
