import { afterAll, beforeAll } from "vitest";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { overrideDbForTests, type Db } from "@/db";
import * as schema from "@/db/schema";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/lib/demo/seed";

let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  const url = process.env.HAVEN_TEST_DB_URL;
  if (url) {
    const client = postgres(url, { max: 10, onnotice: () => {} });
    overrideDbForTests({ db: drizzlePg(client, { schema }), kind: "postgres", close: () => client.end({ timeout: 5 }) });
    close = () => client.end({ timeout: 5 });
  } else {
    const client = new PGlite("memory://");
    overrideDbForTests({ db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", close: () => client.close() });
    close = () => client.close();
    await runMigrations();
  }
  await seedDemo();
}, 60_000);

afterAll(async () => {
  overrideDbForTests(undefined);
  await close?.();
});
