/**
 * The week view's cost (docs/decisions.md, Appointments): p95 of lib/appointments listWeek (what /dashboard/calendar
 * runs, audit row included) with 20 clinicians × 40 appointments a week over a year (41,600 appointments). Embedded
 * PGlite in memory, or PostgreSQL when BENCH_DATABASE_URL is set (a scratch database of its own on that server, dropped after).
 */
import { sql } from "drizzle-orm";
import * as schema from "@/db/schema";
import { closeDb, db } from "@/db";
import { runMigrations } from "@/db/migrate";
import { seedDemo } from "@/lib/demo/seed";
import { listWeek } from "@/lib/appointments/appointments";
import { addDays, weekStartOf } from "@/lib/core/time";
import type { StaffPrincipal } from "@/lib/core/principal";
import { openScratchDatabase, percentile } from "./lib";

const CLINICIANS = 20;
const PER_WEEK = 40;
const WEEKS = 52;
const ITERATIONS = 200;
const WARMUP = 20;
const FIRST_MONDAY = "2026-01-05";

export default async function bench() {
  const scratch = await openScratchDatabase(4);
  try {
    await measure(scratch.postgres);
  } finally {
    await closeDb();
    await scratch.drop();
  }
}

async function measure(postgres: boolean) {
  await runMigrations();
  await seedDemo();
  const clinicians: StaffPrincipal[] = [];
  for (let c = 0; c < CLINICIANS; c++) {
    const email = `bench.clinician.${c}.${Date.now()}@riverbend.example`;
    const [u] = await db
      .insert(schema.users)
      .values({ email, name: `Bench Clinician ${c}`, role: "clinician" })
      .returning();
    clinicians.push({
      userId: u.id,
      email,
      name: u.name,
      role: "clinician",
      sessionId: "bench",
      activeProfileId: null,
    });
    // 10 clients each; 40 appointments a week: 8 a day Monday to Friday, 08:00–16:00 Los Angeles time (UTC-8 is
    // close enough for load: the rows only need to fill the weeks).
    await db.execute(sql`
      insert into client_profiles (type, legal_name, clinician_id, diagnosis_codes)
      select 'individual', 'Bench Client ' || ${c} || '-' || g, ${u.id}::uuid, '{}' from generate_series(1, 10) g`);
    await db.execute(sql`
      insert into appointments (profile_id, clinician_id, starts_at, ends_at, kind, status, cpt_code)
      select
        (select id from client_profiles where clinician_id = ${u.id}::uuid order by id offset (s % 10) limit 1),
        ${u.id}::uuid,
        t, t + interval '50 minutes', 'office', 'scheduled', '90834'
      from (
        select s, (${FIRST_MONDAY}::date + (w * 7 + d) * interval '1 day' + interval '16 hours' + h * interval '1 hour')::timestamptz as t
        from generate_series(0, ${WEEKS - 1}) w, generate_series(0, 4) d, generate_series(0, ${PER_WEEK / 5 - 1}) h,
             lateral (select w * 100 + d * 10 + h as s) x
      ) q`);
  }
  await db.execute(sql`analyze appointments`);
  const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(schema.appointments)) as { n: number }[];
  console.log(
    `database: ${postgres ? "PostgreSQL" : "PGlite (in memory)"}; ${n} appointments; ${ITERATIONS} runs after ${WARMUP}`,
  );
  const weeks = Array.from({ length: WEEKS }, (_, i) => weekStartOf(addDays(FIRST_MONDAY, i * 7)));
  const run = (i: number) => listWeek(clinicians[i % CLINICIANS], weeks[(i * 7) % WEEKS]);
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  let shown = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const t = performance.now();
    shown += (await run(i)).appointments.length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(
    `week view (listWeek): p50 ${percentile(times, 50).toFixed(2)} ms · p95 ${percentile(times, 95).toFixed(2)} ms · ${(shown / ITERATIONS).toFixed(0)} appointments a week`,
  );
}
