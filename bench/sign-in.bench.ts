/**
 * Sign-in timing bench: does "Email Me a Link" (and the PIN form) take longer for an address that has an account
 * than for one that has none? It must not (docs/product.md, Sign-in rule 2; docs/decisions.md "Email outbox"): the
 * difference of the medians must stay under 5 ms.
 *
 *   npm run bench sign-in                         # in-process: the route handlers' own code on PGlite in memory
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench sign-in   # … on PostgreSQL
 *   npm run build && BENCH_SERVER=1 npm run bench sign-in    # the real HTTP request against `next start`
 *
 * Known and unknown requests are interleaved (each pair in a random order) so drift (JIT warm-up, table growth,
 * other processes on the machine) lands on both alike. Both sides cycle through pools of the same size, from the
 * same IP, so the rate-limit tables grow alike; the limits are raised for the bench. Printed: median and p95 of
 * each side, the difference of the medians, and the median of the per-pair differences.
 */
import { randomBytes } from "node:crypto";
import { median, percentile, startServer, openScratchDatabase } from "./lib";

const PAIRS = Number(process.env.BENCH_PAIRS ?? 400);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 60);
const POOL = 20;

// Raised before anything reads the configuration: the bench sends far more than a person would.
const RAISED = {
  RATE_LIMIT_LINK_PER_EMAIL: "1000000",
  RATE_LIMIT_LINK_PER_IP: "1000000",
  RATE_LIMIT_PIN_PER_IP: "1000000",
};
Object.assign(process.env, RAISED);

type Send = (path: string, form: Record<string, string>) => Promise<{ status: number; body: string }>;

function report(label: string, known: number[], unknown: number[]) {
  const diffs = known.map((k, i) => k - unknown[i]);
  const row = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { "median ms": +percentile(s, 50).toFixed(2), "p95 ms": +percentile(s, 95).toFixed(2), requests: xs.length };
  };
  console.log(`\n${label}`);
  console.table({ "known address": row(known), "unknown address": row(unknown) });
  const d = median(known) - median(unknown);
  const verdict = Math.abs(d) < 5 ? "under 5 ms" : "NOT under 5 ms";
  console.log(
    `  difference of medians (known − unknown): ${d.toFixed(2)} ms (${verdict}); median of per-pair differences: ${median(diffs).toFixed(2)} ms`,
  );
}

async function measurePairs(
  send: Send,
  path: string,
  knownForm: (i: number) => Record<string, string>,
  unknownForm: (i: number) => Record<string, string>,
  expectStatus: number,
) {
  const known: number[] = [];
  const unknown: number[] = [];
  const time = async (form: Record<string, string>) => {
    const t0 = performance.now();
    const r = await send(path, form);
    const ms = performance.now() - t0;
    if (r.status !== expectStatus) throw new Error(`${path} answered ${r.status}, expected ${expectStatus}`);
    return { ms, body: r.body };
  };
  for (let i = 0; i < WARMUP + PAIRS; i++) {
    const knownFirst = Math.random() < 0.5;
    const a = knownFirst ? await time(knownForm(i)) : await time(unknownForm(i));
    const b = knownFirst ? await time(unknownForm(i)) : await time(knownForm(i));
    const [k, u] = knownFirst ? [a, b] : [b, a];
    if (k.body !== u.body)
      throw new Error(`${path}: known and unknown answers differ:\n known:   ${k.body}\n unknown: ${u.body}`);
    if (i >= WARMUP) {
      known.push(k.ms);
      unknown.push(u.ms);
    }
  }
  return { known, unknown };
}

/**
 * "Email Me a Link" as a browser without JavaScript posts it (a 303); the PIN form as its script posts it (JSON),
 * because the no-JavaScript PIN page re-shows the typed address and the bench compares bodies byte for byte.
 */
const acceptFor = (path: string): Record<string, string> =>
  path === "/sign-in/pin/verify" ? { accept: "application/json" } : {};

const unknownPool = Array.from(
  { length: POOL },
  (_, i) => `nobody-${i}-${randomBytes(3).toString("hex")}@example.test`,
);

async function inProcess() {
  // The database comes from the app's own configuration (db/index.ts), set before anything opens it: a scratch
  // PostgreSQL database as DATABASE_URL, or an in-memory PGlite (DATA_DIR=memory://).
  const scratch = await openScratchDatabase();
  const dropDatabase = scratch.drop;
  const label = scratch.postgres ? "PostgreSQL" : "PGlite in memory";
  // Imported here, after the limits are raised, so `env()` reads the raised values.
  const [{ closeDb, db }, schema, { runMigrations }, { seedDemo }, forms, pinSignIn] = await Promise.all([
    import("@/db"),
    import("@/db/schema"),
    import("@/db/migrate"),
    import("@/lib/demo/seed"),
    import("@/lib/auth/sign-in-forms"),
    import("@/lib/auth/pin-sign-in"),
  ]);
  try {
    await runMigrations();
    await seedDemo();
    const knownPool = Array.from({ length: POOL }, (_, i) => `bench-client-${i}@example.test`);
    await db
      .insert(schema.users)
      .values(knownPool.map((email, i) => ({ email, name: `Bench Client ${i}`, role: "client" as const })));
    const ip = "10.77.0.1";
    const send: Send = async (path, form) => {
      const req = new Request(`http://localhost:3000${path}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost:3000",
          host: "localhost:3000",
          "x-forwarded-for": ip,
          ...acceptFor(path),
        },
        body: new URLSearchParams(form),
      });
      const handler =
        path === "/sign-in/request-link"
          ? forms.handleLinkRequest(req)
          : forms.handlePinRequest(req, async (email, p, meta) => {
              const r = await pinSignIn.attemptPinSignIn(email, p, meta);
              return r.ok ? "ok" : r.reason;
            });
      const res = await handler;
      return { status: res.status, body: `${JSON.stringify([...res.headers.entries()].sort())}\n${await res.text()}` };
    };
    console.log(
      `sign-in bench — in-process: the route handlers (handleLinkRequest, handlePinRequest) called with real Request objects, ${label}`,
    );
    console.log(
      `  (the PIN form's Auth.js signIn is replaced by the verifyPin it calls; no Next.js routing). ${PAIRS} pairs after ${WARMUP} warm-up pairs.`,
    );
    await runBoth(send, knownPool);
  } finally {
    await closeDb();
    await dropDatabase();
  }
}

async function runBoth(send: Send, knownPool: string[]) {
  const link = await measurePairs(
    send,
    "/sign-in/request-link",
    (i) => ({ email: knownPool[i % knownPool.length] }),
    (i) => ({ email: unknownPool[i % unknownPool.length] }),
    303,
  );
  report('"Email Me a Link" (POST /sign-in/request-link)', link.known, link.unknown);
  // PIN: a known client with no PIN vs an address with no account, the same wrong code.
  const pinForm = await measurePairs(
    send,
    "/sign-in/pin/verify",
    (i) => ({ email: knownPool[i % knownPool.length], pin: "000000" }),
    (i) => ({ email: unknownPool[i % unknownPool.length], pin: "000000" }),
    401,
  );
  report("PIN form (POST /sign-in/pin/verify), wrong PIN", pinForm.known, pinForm.unknown);
}

async function againstServer() {
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3310), RAISED);
  try {
    const send: Send = async (path, form) => {
      const r = await fetch(`${server.url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: server.url,
          "sec-fetch-site": "same-origin",
          ...acceptFor(path),
        },
        body: new URLSearchParams(form),
      });
      // proxy.ts gives every response a fresh CSP nonce (random, fixed length, unrelated to the address): masked
      // for the comparison, as is the Date header.
      const headers = [...r.headers.entries()]
        .filter(([k]) => k !== "date")
        .map(([k, v]) => [k, k === "content-security-policy" ? v.replace(/'nonce-[^']+'/, "'nonce-…'") : v])
        .sort();
      return { status: r.status, body: `${JSON.stringify(headers)}\n${await r.text()}` };
    };
    // The demo seed's clients (the server seeds its fresh database at start-up).
    const knownPool = [
      "jordan.lee@example.com",
      "casey.lee@example.com",
      "pat.park@example.com",
      "alex.kim@example.com",
    ];
    const pool = Array.from({ length: POOL }, (_, i) => knownPool[i % knownPool.length]);
    console.log(
      `sign-in bench — a built server: real HTTP requests to \`next start\` (${server.url}), its email deliverer running. ${PAIRS} pairs after ${WARMUP} warm-up pairs.`,
    );
    await runBoth(send, pool);
  } finally {
    await server.stop();
  }
}

export default async function signInBench() {
  if (process.env.BENCH_SERVER) await againstServer();
  else await inProcess();
}
