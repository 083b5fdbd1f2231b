/**
 * docs/decisions.md, Quality targets: Client list cost stays flat: the client list's p95 with 10,000 clients is within 2× of its p95 with 100 (printed as a ratio).
 * Measures lib/profiles/clients.ts listClients (the query the /dashboard/clients page runs) on a fresh database:
 * embedded PGlite in memory, or PostgreSQL when BENCH_DATABASE_URL is set (a scratch database: rows are added).
 */
import { eq, sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { closeDb, db } from "@/db";
import { runMigrations } from "@/db/migrate";
import { DEMO, seedDemo } from "@/lib/demo/seed";
import { listClients } from "@/lib/profiles/clients";
import { clientListQuery } from "@/lib/profiles/schemas";
import type { Principal } from "@/lib/core/principal";

const ITERATIONS = 300;
const WARMUP = 30;

function p95(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}

async function principal(email: string): Promise<Principal> {
  const [u] = await db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  return { userId: u.id, email: u.email, name: u.name, role: u.role, sessionId: "bench", activeProfileId: null };
}

async function addClients(clinicianId: string, count: number, offset: number) {
  for (let start = 0; start < count; start += 1000) {
    const n = Math.min(1000, count - start);
    await db.execute(sql`
      insert into client_profiles (type, legal_name, clinician_id, diagnosis_codes)
      select 'individual', 'Bench Client ' || lpad((g + ${offset + start})::text, 6, '0'), ${clinicianId}::uuid, '{}'
      from generate_series(1, ${n}) g`);
  }
  await db.execute(sql`analyze client_profiles`);
}

async function measure(p: Principal, label: string) {
  const query = clientListQuery.parse({});
  const search = clientListQuery.parse({ q: "Client 0001" });
  for (let i = 0; i < WARMUP; i++) await listClients(p, query);
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    await listClients(p, query);
    times.push(performance.now() - t);
  }
  const searchTimes: number[] = [];
  for (let i = 0; i < ITERATIONS / 3; i++) {
    const t = performance.now();
    await listClients(p, search);
    searchTimes.push(performance.now() - t);
  }
  console.log(`${label}: first page p95 ${p95(times).toFixed(2)} ms · search p95 ${p95(searchTimes).toFixed(2)} ms`);
  return { list: p95(times), search: p95(searchTimes) };
}

export default async function bench() {
  const url = process.env.BENCH_DATABASE_URL;
  // The database comes from the app's own configuration (db/index.ts), set before anything opens it.
  if (url) {
    process.env.DATABASE_URL = url;
    process.env.DATABASE_POOL_MAX = "4";
  } else {
    process.env.DATABASE_URL = "";
    process.env.DATA_DIR = "memory://";
  }
  await runMigrations();
  await seedDemo();
  const ana = await principal(DEMO.ana);
  const admin = await principal(DEMO.admin);
  console.log(`database: ${url ? "PostgreSQL" : "PGlite (in memory)"}; ${ITERATIONS} runs after ${WARMUP} warm-up`);

  await addClients(ana.userId, 100 - 4, 0); // Ana has 4 demo clients
  const small = await measure(ana, "clinician with 100 clients");
  const smallAdmin = await measure(admin, "admin, practice of ~100 clients");
  await addClients(ana.userId, 10_000 - 100, 100);
  const large = await measure(ana, "clinician with 10,000 clients");
  const largeAdmin = await measure(admin, "admin, practice of ~10,000 clients");

  const ratio = large.list / small.list;
  const ratioAdmin = largeAdmin.list / smallAdmin.list;
  console.log(
    `client list p95 ratio 10,000 / 100 (clinician): ${ratio.toFixed(2)}× ${ratio <= 2 ? "(within 2×)" : "(OVER 2×)"}`,
  );
  console.log(
    `client list p95 ratio 10,000 / 100 (admin): ${ratioAdmin.toFixed(2)}× ${ratioAdmin <= 2 ? "(within 2×)" : "(OVER 2×)"}`,
  );
  console.log(
    `search p95 ratio (name/email contains, not part of the target): ${(large.search / small.search).toFixed(2)}×`,
  );
  await closeDb();
}
