/**
 * Autosave benchmark (docs/decisions.md, Quality targets: Autosave under load): 50 concurrent clients each autosaving their own draft through the
 * same data-layer function the autosave route calls (validation with the template's zod schema, per-question
 * upsert in one transaction). Prints p50/p95/p99 latency and throughput.
 *
 *   npm run bench                          # embedded PGlite in memory (single connection)
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   # a fresh database on PostgreSQL
 */
import { closeDb, db } from "@/db";
import { runMigrations } from "@/db/migrate";
import { DEMO, seedDemo } from "@/lib/demo/seed";
import { saveDraft } from "@/lib/forms/responses";
import { latestVersion } from "@/lib/forms/templates";
import { formResponses } from "@/db/schema";
import { libraryTemplateId, principalFor } from "@/lib/test/auth-fixtures";
import { openScratchDatabase } from "./lib";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const SAVES_PER_CLIENT = Number(process.env.BENCH_SAVES ?? 20);

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function benchAutosave(): Promise<void> {
  // The database comes from the app's own configuration (db/index.ts), set before anything opens it: a scratch
  // PostgreSQL database as DATABASE_URL, or an in-memory PGlite (DATA_DIR=memory://).
  const scratch = await openScratchDatabase(20);
  const dropDatabase = scratch.drop;
  const label = scratch.postgres ? "PostgreSQL (pool of 20)" : "PGlite in memory (one connection)";
  try {
    await runMigrations();
    await seedDemo();
    const ana = await principalFor(DEMO.ana);
    const jordan = await principalFor(DEMO.jordan, "no-session", DEMO.profiles.jordan);
    const intake = await latestVersion(ana, await libraryTemplateId("intake"));
    // Drafts inserted directly: sendForms also renders emails, which react-email cannot do under the
    // react-server condition this script runs with. The timed part below is the real autosave path.
    const drafts = await db
      .insert(formResponses)
      .values(
        Array.from({ length: CLIENTS }, () => ({
          profileId: DEMO.profiles.jordan,
          templateVersionId: intake.id,
          sentById: ana.userId,
        })),
      )
      .returning({ id: formResponses.id });

    const fields = [
      "legal_name",
      "preferred_name",
      "phone",
      "address",
      "emergency_name",
      "emergency_phone",
      "reasons",
      "history",
      "medications",
      "prescriber",
    ];
    const latencies: number[] = [];
    let failures = 0;
    const started = performance.now();
    await Promise.all(
      drafts.map(async (d, c) => {
        for (let s = 0; s < SAVES_PER_CLIENT; s++) {
          // A typical debounced autosave carries one or two changed fields.
          const batch = { [fields[s % fields.length]]: `client ${c} save ${s}`, distress: s % 11 };
          const t0 = performance.now();
          try {
            await saveDraft(jordan, d.id, batch);
          } catch {
            failures++;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const total = latencies.length;
    console.log(`autosave bench — ${label}`);
    console.log(`  clients: ${drafts.length}, saves: ${total}, failures: ${failures}`);
    console.log(
      `  latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}`,
    );
    console.log(`  throughput: ${(total / seconds).toFixed(0)} saves/s over ${seconds.toFixed(2)} s`);
  } finally {
    await closeDb();
    await dropDatabase();
  }
}

export default benchAutosave;
