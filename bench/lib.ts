import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import autocannon from "autocannon";

/** Helpers shared by the benchmarks. Benchmarks print figures; they never assert timings (DEVELOPERS.md). */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export type Server = {
  url: string;
  proc: ChildProcess;
  dataDir: string;
  /** What the server printed so far (for a failure's report). */
  output: () => string;
  /** Stops the server and removes its data folder, unless `keepData` (for another server on the same data). */
  stop: (opts?: { keepData?: boolean }) => Promise<void>;
};

/**
 * Starts the production build (`next start`, or with `haven: true` Haven's own server, server.mjs, which `npm start`
 * runs) on a fresh embedded database in a temporary folder. Run `npm run build` first.
 */
export async function startServer(
  port: number,
  extraEnv: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
  { haven = false, dataDir: reuse }: { haven?: boolean; dataDir?: string } = {},
): Promise<Server> {
  if (!fs.existsSync(".next/BUILD_ID")) throw new Error("No production build: run `npm run build` first.");
  // `dataDir`: the folder a server stopped with `keepData` left (a second server on the same data).
  const dataDir = reuse ?? fs.mkdtempSync(path.join(os.tmpdir(), "haven-bench-"));
  // Optional set-up of the data folder before the server opens it (never while it runs: docs/decisions.md, Platform notes: One process per PGlite folder).
  if (prepare) await prepare(dataDir);
  // BENCH_CPU_PROF=<folder>: the server runs under `node --cpu-prof` and writes its profile there when it stops
  // (open it in Chrome's DevTools, Performance panel); docs/performance.md, Where a signed-in page's time goes.
  const prof = process.env.BENCH_CPU_PROF
    ? [`--cpu-prof`, `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`]
    : [];
  const [command, args] = haven
    ? ["node", [...prof, "server.mjs"]]
    : ["node", [...prof, "node_modules/next/dist/bin/next", "start", "-p", String(port)]];
  const proc = spawn(command, args, {
    env: {
      ...process.env,
      ...(haven ? { PORT: String(port), HOSTNAME: "127.0.0.1" } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: "",
      RESEND_API_KEY: "",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  proc.stdout?.on("data", (d) => (log += d));
  proc.stderr?.on("data", (d) => (log += d));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`server did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    proc,
    dataDir,
    output: () => log,
    stop: async ({ keepData = false } = {}) => {
      const exited = new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once("exit", r)));
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      // Another server may open the same PGlite folder only once this one has closed it (one process per folder).
      if (keepData) await exited;
      else await new Promise((r) => setTimeout(r, 500));
      if (!keepData) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Calls `visit` with a process and each of its descendants (Linux /proc); a process that has ended is skipped. */
function eachInTree(pid: number, visit: (pid: number) => void) {
  const walk = (p: number) => {
    try {
      visit(p);
      const children = fs
        .readFileSync(`/proc/${p}/task/${p}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
      children.forEach(walk);
    } catch {
      // process ended
    }
  };
  walk(pid);
}

/**
 * CPU time a process and its children have used so far (user + system, every thread), in ms (Linux /proc, at the
 * kernel's 100 ticks a second). The difference over a window, per response, is what a page costs the server.
 */
export function cpuMsOfTree(pid: number): number {
  let ticks = 0;
  eachInTree(pid, (p) => {
    const stat = fs.readFileSync(`/proc/${p}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, in parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  });
  return ticks * 10;
}

/** Resident memory of a process and its children, in bytes (Linux /proc). */
export function rssOfTree(pid: number): number {
  let total = 0;
  eachInTree(pid, (p) => {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
    if (m) total += Number(m[1]) * 1024;
  });
  return total;
}

/**
 * A scratch PostgreSQL database on BENCH_DATABASE_URL's server (created now, dropped by `drop`), or null when the
 * variable is unset and the bench runs on the embedded database.
 */
export async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) return null;
  const name = `haven_bench_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Points this process's own database configuration (db/index.ts) at a scratch PostgreSQL database, or at an
 * in-memory PGlite; call before anything opens the database. Returns which, and how to clean up.
 */
export async function openScratchDatabase(poolMax?: number): Promise<{ postgres: boolean; drop: () => Promise<void> }> {
  const scratch = await scratchDatabase();
  if (scratch) {
    process.env.DATABASE_URL = scratch.url;
    if (poolMax) process.env.DATABASE_POOL_MAX = String(poolMax);
    return { postgres: true, drop: scratch.drop };
  }
  process.env.DATABASE_URL = "";
  process.env.DATA_DIR = "memory://";
  return { postgres: false, drop: async () => {} };
}

/** The session cookie of a server on plain http (lib/auth/auth.ts SESSION_COOKIE; `__Host-…` only on https). */
export const SESSION_COOKIE = "haven.session";

export type BenchPerson = { email: string; staff?: boolean; profileId?: string };

/**
 * Migrates and seeds (demo practice) the database this process is configured for, then makes a session for each
 * person the way a sign-in makes them (staff with their second factor passed, a client with an active profile) and
 * returns each as a Cookie header for a server sharing `secret` as AUTH_SECRET. Call before any server opens the
 * database (one process per PGlite folder); the connection is closed again after unless `keepOpen`.
 */
export async function seedAndMakeSessions<K extends string>(
  secret: string,
  people: Record<K, BenchPerson>,
  { keepOpen = false }: { keepOpen?: boolean } = {},
): Promise<Record<K, string>> {
  const [{ closeDb, db }, schema, { runMigrations }, { seedDemo }, sessions, { sha256Hex }, { eq }] = await Promise.all(
    [
      import("@/db"),
      import("@/db/schema"),
      import("@/db/migrate"),
      import("@/lib/demo/seed"),
      import("@/lib/auth/sessions"),
      import("@/lib/core/crypto"),
      import("drizzle-orm"),
    ],
  );
  try {
    await runMigrations();
    await seedDemo();
    const meta = { ip: null, userAgent: "haven-bench" };
    const out = {} as Record<K, string>;
    for (const key of Object.keys(people) as K[]) {
      const { email, staff, profileId } = people[key];
      const [u] = await db.select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
      const id = await sessions.createSession(u.id, "link", meta);
      if (staff) await sessions.markSecondFactorPassed(sha256Hex(id), "totp");
      if (profileId) await sessions.setActiveProfile(sha256Hex(id), profileId);
      const jwt = await encode({
        token: { sub: u.id, sid: id, method: "link" },
        secret,
        salt: SESSION_COOKIE,
        maxAge: 12 * 3600,
      });
      out[key] = `${SESSION_COOKIE}=${jwt}`;
    }
    return out;
  } finally {
    if (!keepOpen) await closeDb();
  }
}

export type Who = "anonymous" | "client" | "clinician" | "admin";

/**
 * Sessions for the benches' three people (Pat Park, a client with one profile active; Ana Rivera, a clinician; the
 * admin; staff with their second factor passed): `seedAndMakeSessions` with the demo practice's people.
 */
export async function makeSessions(
  authSecret: string,
  opts: { keepOpen?: boolean } = {},
): Promise<Record<Exclude<Who, "anonymous">, string>> {
  const { DEMO } = await import("@/lib/demo/seed");
  return seedAndMakeSessions(
    authSecret,
    {
      client: { email: DEMO.pat, profileId: DEMO.profiles.pat },
      clinician: { email: DEMO.ana, staff: true },
      admin: { email: DEMO.admin, staff: true },
    },
    opts,
  );
}

/** Throughput and latency of one page under load (autocannon): requests/s, p50 and p95 in ms, failed requests. */
export async function measurePage(url: string, cookie: string | null, seconds: number, connections: number) {
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections, duration: seconds, headers: cookie ? { cookie } : {} },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
  times.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    errors: result.errors + result.non2xx + result.timeouts,
    total: times.length,
    /** Every response time, sorted (to pool several windows' percentiles). */
    times,
  };
}

/** Counts the `haven-sql` lines (BENCH_COUNT_SQL=1) the server prints while one request runs (plus a moment for late ones). */
export function statementCounter(server: Server) {
  let lines: string[] = [];
  let partial = "";
  server.proc.stdout?.on("data", (d: Buffer) => {
    const text = partial + d.toString();
    const parts = text.split("\n");
    partial = parts.pop() ?? "";
    for (const p of parts) if (p.startsWith("haven-sql ")) lines.push(p.slice("haven-sql ".length));
  });
  let lastLineAt = Date.now();
  server.proc.stdout?.on("data", () => (lastLineAt = Date.now()));
  // Requests autocannon left queued in the server still run after it stops: wait for a quiet second.
  const quiet = async () => {
    while (Date.now() - lastLineAt < 1000) await new Promise((r) => setTimeout(r, 100));
  };
  return async (url: string, cookie: string | null) => {
    const counts: number[] = [];
    let last: string[] = [];
    await quiet();
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 150));
      lines = [];
      const r = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
      await r.arrayBuffer();
      await new Promise((r) => setTimeout(r, 150));
      counts.push(lines.length);
      last = [...lines];
    }
    counts.sort((a, b) => a - b);
    return { statements: counts[2], last };
  };
}
