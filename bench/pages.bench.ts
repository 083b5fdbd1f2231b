/**
 * `npm run bench pages` (docs/performance.md): the signed-in pages against the floor, in one run of one build.
 *
 *   HAVEN_BENCH_BUILD=1 npm run build     # the ordinary build plus the floor page (app/bench-floor)
 *   npm run bench pages                   # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench pages   # a scratch database on it
 *
 * For each page: requests/s and p50/p95 latency at 32 connections, SQL statements per request (the server prints
 * one line per statement with BENCH_COUNT_SQL, lib/core/sql-count.ts; the bench sends single requests one at a time
 * and counts the lines each one caused, the median of 5), and throughput as a percentage of the floor's: a
 * force-dynamic page with only the root layout, the proxy and its CSP.
 *
 * Counting and timing are done by two servers, one after the other, on the same data: the first prints its
 * statements (and PDF renders) and is only ever sent one request at a time; the second prints nothing per
 * statement and is the one measured. Printing a line per statement under load cost each page in proportion to its
 * statements (a synchronous write to the pipe, and the bench reading it on the same two cores), so a page with
 * three statements lost a few points against the floor's one that it does not lose in a real run.
 *
 * The shared 2-core machine drifts by a quarter within a minute, so the floor is measured next to each page, not
 * once for the run: after a warm-up pass (BENCH_WARM_UP seconds, default 4, over every page and the floor), each
 * page is measured in BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS (default 5) alternating with the floor —
 * floor, page, floor, page, floor, page, floor — and each round's percentage is the page's req/s over the mean of
 * the floor just before and just after it. The table gives the median of the rounds (and their range), the page's
 * mean req/s, and p50/p95 over all its rounds' responses. Beside it, the same comparison by the server's CPU time
 * per response (its process tree, from /proc, over each window): another tenant taking the shared CPU lowers req/s
 * but not the CPU a response costs, so this ratio moves far less from run to run (on PostgreSQL it leaves out the
 * database server's own CPU). Sessions are made directly in the database before the
 * server starts (a client with one profile, a clinician and an admin, staff with their second factor passed) and
 * sent as Auth.js cookies.
 * BENCH_VERBOSE=1 also prints each page's statements; BENCH_PAGES="/portal,/dashboard" measures only those pages.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import {
  cpuMsOfTree,
  makeSessions,
  measurePage,
  median,
  percentile,
  scratchDatabase,
  startServer,
  statementCounter,
  type Server,
  type Who,
} from "./lib";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = 32;
/** Seconds of load on each page in the warm-up pass before the measured pass (BENCH_WARM_UP). */
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP ?? 4);
/** BENCH_PAGES="/portal,/dashboard": measure only these pages (their labels in the table), and the floor. */
const ONLY = process.env.BENCH_PAGES?.split(",").map((s) => s.trim());
const AUTH_SECRET = randomBytes(32).toString("base64url");

type Page = { label: string; path: string; who: Who };
const measure = (url: string, cookie: string | null, seconds: number) => measurePage(url, cookie, seconds, CONNECTIONS);
/** A window of load with the server's CPU time over it: `cpuMs` in all, for `total` responses. */
async function measureWithCpu(pid: number, url: string, cookie: string | null, seconds: number) {
  const before = cpuMsOfTree(pid);
  const m = await measure(url, cookie, seconds);
  return { ...m, cpuMs: cpuMsOfTree(pid) - before };
}

/**
 * The frozen-document part: a 20-line superbill for the bench's client, made in the scratch data before the server
 * starts (20 services in 2024, a period the demo data leaves empty, then the superbill, sent), downloaded three
 * times through the real route one request at a time. The first download renders the PDF (in the PDF worker,
 * lib/core/pdf-pool.ts) and keeps it; the next ones read it back (lib/billing/pdf/frozen.ts). Renders are counted
 * from the server's `haven-pdf-render <kind>` lines (printed only with BENCH_COUNT_SQL; the kind, never data).
 */
async function seedBenchSuperbill(): Promise<string> {
  const [
    { db, closeDb },
    schema,
    { DEMO },
    { recordService, updateClientBillingDetails },
    { createSuperbill, sendSuperbill },
    { eq },
  ] = await Promise.all([
    import("@/db"),
    import("@/db/schema"),
    import("@/lib/demo/seed"),
    import("@/lib/billing/services"),
    import("@/lib/billing/superbills"),
    import("drizzle-orm"),
  ]);
  // The bench process holds the database only until the server opens it (one process per PGlite folder).
  try {
    const [u] = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.ana)).limit(1);
    const ana = {
      userId: u.id,
      role: "clinician" as const,
      email: u.email,
      name: u.name,
      sessionId: "bench",
      activeProfileId: null,
    };
    // What a superbill needs beyond the demo data: a diagnosis and a member ID (scratch data only).
    await updateClientBillingDetails(ana, {
      profileId: DEMO.profiles.pat,
      diagnosisCodes: ["F41.1"],
      insuranceMemberId: "RBX100200301",
    });
    for (let i = 0; i < 20; i++) {
      await recordService(ana, {
        profileId: DEMO.profiles.pat,
        dateOfService: `2024-${String(1 + Math.floor(i / 2)).padStart(2, "0")}-${i % 2 ? "15" : "03"}`,
        cptCode: i % 3 === 0 ? "90837" : "90834",
        modifiers: [],
        placeOfService: i % 2 ? "10" : "11",
        units: 1,
        fee: i % 3 === 0 ? 18_000 : 15_000,
        diagnosisCodes: ["F41.1"],
      });
    }
    const sb = await createSuperbill(ana, {
      profileId: DEMO.profiles.pat,
      periodStart: "2024-01-01",
      periodEnd: "2024-12-31",
    });
    await sendSuperbill(ana, sb.id);
    return sb.id;
  } finally {
    await closeDb();
  }
}

async function frozenDownloads(
  server: Server,
  cookie: string,
  superbillId: string,
  count: (url: string, cookie: string | null) => Promise<{ statements: number }>,
) {
  let renders = 0;
  let partial = "";
  server.proc.stdout?.on("data", (d: Buffer) => {
    const parts = (partial + d.toString()).split("\n");
    partial = parts.pop() ?? "";
    renders += parts.filter((l) => l.startsWith("haven-pdf-render ")).length;
  });
  await count(server.url, null); // a quiet server first
  const pdf = `${server.url}/api/billing/superbills/${superbillId}/pdf`;
  const time = async () => {
    const before = renders;
    const t = performance.now();
    const r = await fetch(pdf, { headers: { cookie } });
    const bytes = (await r.arrayBuffer()).byteLength;
    const ms = performance.now() - t;
    if (r.status !== 200) throw new Error(`${pdf} answered ${r.status}`);
    await new Promise((r) => setTimeout(r, 200)); // the render line may arrive just after the response
    return { ms, bytes, rendered: renders - before };
  };
  const first = await time();
  const second = await time();
  const third = await time();
  const said = (x: { rendered: number }) => (x.rendered ? `${x.rendered} render` : "no render");
  console.log(
    `20-line superbill PDF (${first.bytes} bytes): first download ${first.ms.toFixed(0)} ms (${said(first)}), ` +
      `second ${second.ms.toFixed(0)} ms (${said(second)}), third ${third.ms.toFixed(0)} ms (${said(third)})`,
  );
}

export default async function pagesBench() {
  if (!fs.existsSync(".next/server/app/bench-floor")) {
    throw new Error(
      "No floor page in this build: run `HAVEN_BENCH_BUILD=1 npm run build` first (docs/performance.md).",
    );
  }
  const { DEMO } = await import("@/lib/demo/seed");
  const all: Page[] = [
    { label: "landing /", path: "/", who: "anonymous" },
    { label: "/portal", path: "/portal", who: "client" },
    { label: "/portal/forms", path: "/portal/forms", who: "client" },
    { label: "/portal/billing", path: "/portal/billing", who: "client" },
    { label: "/dashboard", path: "/dashboard", who: "clinician" },
    { label: "/dashboard/clients", path: "/dashboard/clients", who: "clinician" },
    { label: "a client's forms", path: `/dashboard/clients/${DEMO.profiles.pat}/forms`, who: "clinician" },
    { label: "/admin/audit", path: "/admin/audit", who: "admin" },
  ];
  const pages = all.filter((p) => !ONLY || ONLY.includes(p.label));

  const scratch = await scratchDatabase();
  const databaseUrl = scratch?.url ?? "";
  const dropDatabase = scratch?.drop ?? (async () => {});

  let cookies: Record<Exclude<Who, "anonymous">, string> | undefined;
  let superbillId = "";
  const port = Number(process.env.BENCH_PORT ?? 3320);
  const serverEnv = { AUTH_SECRET, EMAIL_DELIVERER: "off", DATABASE_URL: databaseUrl, SEED_DEMO: "on" };
  // The counting server: statements per request and the superbill's renders, one request at a time.
  const counting = await startServer(port, { ...serverEnv, BENCH_COUNT_SQL: "1" }, async (dataDir) => {
    // The bench process opens the database only here, before the server does (one process per PGlite folder).
    process.env.AUTH_SECRET = AUTH_SECRET;
    process.env.DATABASE_URL = databaseUrl;
    process.env.DATA_DIR = dataDir;
    cookies = await makeSessions(AUTH_SECRET);
    superbillId = await seedBenchSuperbill();
  });
  const cookieOf = (who: Who) => (who === "anonymous" ? null : cookies![who]);
  const floorPath = "/bench-floor";
  const sqlOf = new Map<string, { statements: number; last: string[] }>();
  let keepData = true;
  try {
    const count = statementCounter(counting);
    // Every page must answer 200 to its person (not a redirect to sign-in), or the figures would be of another page.
    for (const p of pages) {
      const r = await fetch(counting.url + p.path, { headers: { cookie: cookieOf(p.who) ?? "" }, redirect: "manual" });
      if (r.status !== 200) throw new Error(`${p.path} answered ${r.status} for the ${p.who}`);
    }
    sqlOf.set(floorPath, await count(counting.url + floorPath, null));
    for (const p of pages) sqlOf.set(p.path, await count(counting.url + p.path, cookieOf(p.who)));
    await frozenDownloads(counting, cookies!.client, superbillId, count);
  } catch (e) {
    keepData = false;
    await dropDatabase();
    throw e;
  } finally {
    await counting.stop({ keepData });
  }

  // The measured server: the same build and data, no line per statement.
  const server = await startServer(port, serverEnv, undefined, { dataDir: counting.dataDir }).catch(async (e) => {
    fs.rmSync(counting.dataDir, { recursive: true, force: true });
    await dropDatabase();
    throw e;
  });
  try {
    console.log(
      `pages bench: ${scratch ? "PostgreSQL" : "embedded PGlite"}, next start, ${CONNECTIONS} connections, after a ${WARM_UP_SECONDS} s warm-up pass over every page; each page ${ROUNDS} rounds of ${SECONDS} s between ${SECONDS} s of the floor; "% of floor" is the median round (range) by req/s, "% of floor, CPU" the same by the server's CPU time per response; statements counted on a first server, timed on a second that does not print them`,
    );
    type Row = {
      "req/s": number;
      "p50 ms": number;
      "p95 ms": number;
      "SQL/req": number;
      "% of floor": string;
      "CPU ms/req": number;
      "% of floor, CPU": string;
      errors: number;
    };
    const rows: Record<string, Row> = {};
    const floorUrl = server.url + floorPath;
    // Warm-up: every page (and the floor) under load before anything is measured, so each is measured with its
    // code compiled by the JIT, whatever its place in the run (a cold page measured ~40 % below its warm figure).
    for (const url of [floorUrl, ...pages.map((p) => server.url + p.path), floorUrl]) {
      const p = pages.find((x) => server.url + x.path === url);
      await measure(url, p ? cookieOf(p.who) : null, WARM_UP_SECONDS);
    }
    type M = Awaited<ReturnType<typeof measureWithCpu>>;
    const floors: M[] = [];
    const results: { p: Page; rounds: M[]; pcts: number[]; cpuPcts: number[]; sql: number; last: string[] }[] = [];
    for (const p of pages) {
      const url = server.url + p.path;
      const c = sqlOf.get(p.path)!;
      const pid = server.proc.pid!;
      let before = await measureWithCpu(pid, floorUrl, null, SECONDS);
      floors.push(before);
      const rounds: M[] = [];
      const pcts: number[] = [];
      const cpuPcts: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const m = await measureWithCpu(pid, url, cookieOf(p.who), SECONDS);
        const after = await measureWithCpu(pid, floorUrl, null, SECONDS);
        floors.push(after);
        rounds.push(m);
        pcts.push((m.rps / ((before.rps + after.rps) / 2)) * 100);
        // The same comparison by CPU per response: the floor's (both neighbours pooled) over the page's.
        cpuPcts.push(((before.cpuMs + after.cpuMs) / (before.total + after.total) / (m.cpuMs / m.total)) * 100);
        before = after;
      }
      results.push({ p, rounds, pcts, cpuPcts, sql: c.statements, last: c.last });
    }
    const pooled = (ms: M[], sqlCount: number, pct: string, cpuPct: string): Row => {
      const times = ms.flatMap((m) => m.times).sort((a, b) => a - b);
      return {
        "req/s": +(ms.reduce((sum, m) => sum + m.rps, 0) / ms.length).toFixed(1),
        "p50 ms": Math.round(percentile(times, 50)),
        "p95 ms": Math.round(percentile(times, 95)),
        "SQL/req": sqlCount,
        "% of floor": pct,
        "CPU ms/req": +(ms.reduce((sum, m) => sum + m.cpuMs, 0) / ms.reduce((sum, m) => sum + m.total, 0)).toFixed(2),
        "% of floor, CPU": cpuPct,
        errors: ms.reduce((sum, m) => sum + m.errors, 0),
      };
    };
    const floorRps = floors.map((f) => f.rps);
    rows[`floor (${Math.round(Math.min(...floorRps))}–${Math.round(Math.max(...floorRps))} req/s)`] = pooled(
      floors,
      sqlOf.get(floorPath)!.statements,
      "",
      "",
    );
    for (const r of results) {
      const range = `${Math.round(Math.min(...r.pcts))}–${Math.round(Math.max(...r.pcts))}`;
      const cpuRange = `${Math.round(Math.min(...r.cpuPcts))}–${Math.round(Math.max(...r.cpuPcts))}`;
      rows[r.p.label] = pooled(
        r.rounds,
        r.sql,
        `${Math.round(median(r.pcts))} % (${range})`,
        `${Math.round(median(r.cpuPcts))} % (${cpuRange})`,
      );
    }
    console.table(rows);
    if (process.env.BENCH_VERBOSE) {
      for (const r of results) console.log(`\n${r.p.label}: ${r.sql} statements\n  ${r.last.join("\n  ")}`);
    }
  } finally {
    await server.stop();
    await dropDatabase();
  }
}
