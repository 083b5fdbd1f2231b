// `npm run db:seed`: seeds the demo practice (idempotent). Never run it against the embedded database while
// the app is running: two processes on one PGlite folder lose writes (docs/decisions.md, Platform notes: One process per PGlite folder).
import { closeDb, dbKind } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemoPractice } from "@/lib/demo/seed";

(async () => {
  await runMigrations();
  await seedDemoPractice();
  console.log(`demo practice seeded (${dbKind()})`);
  await closeDb();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
