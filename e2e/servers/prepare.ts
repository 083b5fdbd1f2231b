/**
 * `tsx --conditions=react-server e2e/servers/prepare.ts`: prepares a database for the server specs before any server
 * opens it (docs/decisions.md, Platform notes: One process per PGlite folder): migrations, the bare demo practice, a
 * 2 GiB upload limit, a signed-in session for Alex Kim, and PREPARE_EMAILS queued emails (default none).
 * Prints `{"cookie": "..."}`. Reads DATA_DIR or DATABASE_URL and AUTH_SECRET from the environment, like the app.
 */
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { db, closeDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import * as schema from "@/db/schema";
import { seedDemo, DEMO } from "@/lib/demo/seed";
import { createSession, setActiveProfile } from "@/lib/auth/sessions";
import { authSecret, sha256Hex } from "@/lib/core/crypto";
import { enqueueEmail } from "@/lib/email/outbox";

async function main() {
  await runMigrations();
  await seedDemo();
  await db.update(schema.practiceSettings).set({ uploadLimitMb: 2048 }).where(eq(schema.practiceSettings.id, 1));
  const [alex] = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.alex));
  const sid = await createSession(alex.id, "link", { ip: null, userAgent: "servers spec" });
  await setActiveProfile(sha256Hex(sid), DEMO.profiles.alex);
  const name = "haven.session";
  const jwt = await encode({
    token: { sub: alex.id, sid, method: "link" },
    secret: authSecret(),
    salt: name,
    maxAge: 3600,
  });
  const emails = Number(process.env.PREPARE_EMAILS ?? 0);
  for (let i = 0; i < emails; i++)
    await enqueueEmail(db, {
      to: `outbox.${i}@example.com`,
      template: "sign-in-link",
      props: { url: "http://localhost:3000/sign-in/confirm?token=x" },
    });
  await closeDb();
  console.log(JSON.stringify({ cookie: `${name}=${jwt}` }));
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
