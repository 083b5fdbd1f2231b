/**
 * Messaging benchmark (docs/decisions.md, Messaging): how long a sent message takes to reach a reader listening on
 * the conversation (send → NOTIFY → the LISTEN that feeds the server-sent-events streams), and how many messages per
 * second the data layer sustains (validation, transaction with audit row, NOTIFY). Measured below the browsers: the
 * page's own refresh after the event adds one page render, which the browser spec e2e/messaging.spec.ts bounds at 2 s.
 *
 *   npm run bench messaging                                                        # PGlite in memory
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench messaging   # PostgreSQL
 */
import { closeDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { DEMO, seedDemo } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import { percentile, openScratchDatabase } from "./lib";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 300);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);

export default async function benchMessaging(): Promise<void> {
  // Set before anything reads the configuration: no rate limit for the bench's one sender.
  process.env.RATE_LIMIT_MESSAGES_PER_MINUTE = "1000000";
  const scratch = await openScratchDatabase(10);
  const dropDatabase = scratch.drop;
  const label = scratch.postgres
    ? "PostgreSQL (pool of 10, LISTEN on its own connection)"
    : "PGlite in memory (one connection)";
  // Imported after the configuration is set.
  const { sendMessage } = await import("@/lib/messaging/messages");
  const { subscribe } = await import("@/lib/messaging/live");
  try {
    await runMigrations();
    await seedDemo();
    const [jordan, ana] = await Promise.all([principalFor(DEMO.jordan), principalFor(DEMO.ana)]);
    const first = await sendMessage(jordan, { profileId: DEMO.profiles.jordanCasey, body: "bench start" });

    // Latency: one message at a time, timed from the send until the listener hears it.
    let heard: (() => void) | null = null;
    const stop = await subscribe(first.conversationId, () => heard?.());
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const got = new Promise<void>((resolve) => (heard = resolve));
      await sendMessage(i % 2 ? ana : jordan, { profileId: DEMO.profiles.jordanCasey, body: `latency ${i}` });
      await got;
      latencies.push(performance.now() - t0);
    }
    stop();
    latencies.sort((a, b) => a - b);

    // Throughput: several senders at once, each in a conversation of its own profile.
    const profiles = [DEMO.profiles.jordan, DEMO.profiles.jordanCasey, DEMO.profiles.pat, DEMO.profiles.mia];
    const started = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, s) => {
        for (let i = s; i < MESSAGES; i += SENDERS) {
          await sendMessage(ana, { profileId: profiles[s % profiles.length], body: `message ${i} `.repeat(20) });
          sent++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    console.log(`messaging bench — ${label}`);
    console.log(
      `  delivery latency (send → LISTEN) ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)} over ${latencies.length}`,
    );
    console.log(
      `  sustained: ${(sent / seconds).toFixed(0)} messages/s (${sent} by ${SENDERS} senders in ${seconds.toFixed(2)} s)`,
    );
  } finally {
    await closeDb();
    await dropDatabase();
  }
}
