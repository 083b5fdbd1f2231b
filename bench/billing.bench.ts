import type { TestPrincipal } from "@/lib/test/auth-fixtures";
/**
 * Billing benchmarks (docs/decisions.md, Quality targets: Superbill PDF speed): the median render time of a 20-line superbill PDF (target ≤ 150 ms), and the
 * total time to create statements for 500 clients on an in-memory embedded database. Prints figures only.
 */
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/db";
import * as schema from "@/db/schema";
import { runMigrations } from "@/db/migrate";
import { seedDemo, DEMO } from "@/lib/demo/seed";
import { spawnSync } from "node:child_process";
import { createStatement } from "@/lib/billing/statements";
import { nextInvoiceNumber } from "@/lib/billing/internal/ledger";

async function benchStatements(clients = 500) {
  // An in-memory PGlite through the app's own configuration (db/index.ts), set before anything opens it.
  process.env.DATABASE_URL = "";
  process.env.DATA_DIR = "memory://";
  try {
    await runMigrations();
    await seedDemo();
    const [admin] = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.admin));
    const [ana] = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.ana));
    const principal: TestPrincipal = {
      userId: admin.id,
      email: admin.email,
      name: admin.name,
      role: "admin",
      sessionId: "bench",
      activeProfileId: null,
    };

    // 500 clients, each with 3 sent invoices over three months (3 lines each) and 2 payments.
    const setup = performance.now();
    const profileIds: string[] = [];
    await db.transaction(async (tx) => {
      for (let c = 0; c < clients; c++) {
        const [p] = await tx
          .insert(schema.clientProfiles)
          .values({
            type: "individual",
            legalName: `Bench Client ${c}`,
            clinicianId: ana.id,
            diagnosisCodes: ["F41.1"],
          })
          .returning({ id: schema.clientProfiles.id });
        profileIds.push(p.id);
        for (let m = 1; m <= 3; m++) {
          const number = await nextInvoiceNumber(tx);
          const [inv] = await tx
            .insert(schema.invoices)
            .values({
              number,
              profileId: p.id,
              status: m === 3 ? "sent" : "paid",
              issuedOn: `2026-0${m}-05`,
              totalCents: 45_000,
              paidCents: m === 3 ? 0 : 45_000,
            })
            .returning({ id: schema.invoices.id });
          await tx.insert(schema.invoiceLines).values(
            [0, 1, 2].map((position) => ({
              invoiceId: inv.id,
              position,
              cptCode: "90834",
              description: "Psychotherapy, 45 minutes",
              dateOfService: `2026-0${m}-0${position + 1}`,
              units: 1,
              unitFeeCents: 15_000,
              amountCents: 15_000,
            })),
          );
          if (m < 3)
            await tx.insert(schema.payments).values({
              invoiceId: inv.id,
              profileId: p.id,
              amountCents: 45_000,
              method: "cash",
              receivedOn: `2026-0${m}-20`,
            });
        }
      }
    });
    console.log(
      `statements: set up ${clients} clients (9 charges, 2 payments each) in ${((performance.now() - setup) / 1000).toFixed(1)} s`,
    );

    const t = performance.now();
    for (const profileId of profileIds)
      await createStatement(principal, { profileId, periodStart: "2026-02-01", periodEnd: "2026-03-31" });
    const total = performance.now() - t;
    console.log(
      `statements for ${clients} clients (Feb–Mar, embedded PGlite, one after another): total ${(total / 1000).toFixed(2)} s, ${(total / clients).toFixed(1)} ms per client`,
    );
  } finally {
    await closeDb();
  }
}

/**
 * @react-pdf needs the full React build, which the bench runner's `react-server` condition replaces; the PDF part
 * runs in its own tsx process without it (bench/workers/billing-pdf.ts), with React's production build as under
 * `next start`.
 */
function benchSuperbillPdf() {
  const r = spawnSync("npx", ["tsx", "--conditions=import", "bench/workers/billing-pdf.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("superbill PDF bench failed");
}

export default async function billingBench() {
  benchSuperbillPdf();
  await benchStatements();
}
