/**
 * `npm run bench lighthouse` (docs/performance.md): Lighthouse's mobile audit of the landing page, the portal home,
 * the portal's billing page and the dashboard, signed in as the person each page is for.
 *
 *   npm run build                  # any production build (the floor page is not needed)
 *   npm run bench lighthouse       # CHROME_PATH=… for another Chromium (default: the browser tests' own)
 *
 * The production server (`npm start`'s server.mjs, which sends the build's scripts as brotli) runs on a fresh data
 * folder with the demo practice; sessions are made directly in the database before it starts and sent as the
 * Auth.js cookie on every request Lighthouse makes. Lighthouse's default
 * (mobile) settings: a Moto G Power screen, simulated slow 4G and a 4× slower CPU. Each page is audited
 * LIGHTHOUSE_RUNS times (default 3) and the median of each figure is printed: performance, accessibility and
 * best-practices scores, LCP, TBT, CLS, and the JavaScript transferred (the sum of the Script requests' transfer
 * sizes, compressed as sent). The simulated timings scale with the CPU time Chromium actually took, so on a busy
 * machine the performance score is lower than on a quiet one; the transferred bytes do not depend on load.
 * BENCH_VERBOSE=1 prints every run and the scripts of each page; LIGHTHOUSE_REPORT_DIR=<folder> keeps each run's
 * report (JSON, opens in the Lighthouse viewer).
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunnerResult } from "lighthouse";
import { CHROMIUM_ARGS, chromiumPath } from "../playwright.config";
import { makeSessions, median, startServer, type Who } from "./lib";

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const AUTH_SECRET = randomBytes(32).toString("base64url");
// The browser tests' Chromium and flags (playwright.config.ts); CHROME_PATH for another one.
const CHROME_PATH = process.env.CHROME_PATH ?? chromiumPath() ?? "/usr/bin/chromium";
const CHROME_FLAGS = CHROMIUM_ARGS;

type Page = { label: string; path: string; who: Who };
type Figures = {
  performance: number;
  accessibility: number;
  "best-practices": number;
  "LCP ms": number;
  "TBT ms": number;
  CLS: number;
  "JS KiB": number;
  "JS files": number;
};
type Script = { url: string; bytes: number };

/** Chromium with a DevTools port and a throw-away profile; Lighthouse connects to it. */
async function startChromium(port: number) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "haven-lighthouse-chrome-"));
  const proc = spawn(
    CHROME_PATH,
    [...CHROME_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"],
    { stdio: "ignore", detached: true },
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`);
      if (r.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`${CHROME_PATH} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    stop: async () => {
      try {
        process.kill(-proc.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await new Promise((r) => setTimeout(r, 500));
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

function figuresOf(result: RunnerResult, pageUrl: string): { figures: Figures; scripts: Script[] } {
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${pageUrl}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  // A redirect to sign-in would audit another page.
  if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(pageUrl).pathname) {
    throw new Error(`${pageUrl} ended on ${lhr.finalDisplayedUrl}`);
  }
  const score = (id: string) => Math.round((lhr.categories[id]?.score ?? NaN) * 100);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  const requests = (lhr.audits["network-requests"]?.details as { items?: Record<string, unknown>[] } | undefined)
    ?.items;
  if (!requests) throw new Error(`${pageUrl}: no network requests in the report`);
  const scripts = requests.filter((r) => r.resourceType === "Script");
  const jsBytes = scripts.reduce((sum, r) => sum + Number(r.transferSize ?? 0), 0);
  const figures = {
    performance: score("performance"),
    accessibility: score("accessibility"),
    "best-practices": score("best-practices"),
    "LCP ms": Math.round(numeric("largest-contentful-paint")),
    "TBT ms": Math.round(numeric("total-blocking-time")),
    CLS: +numeric("cumulative-layout-shift").toFixed(3),
    "JS KiB": +(jsBytes / 1024).toFixed(1),
    "JS files": scripts.length,
    // Lighthouse's own measure of the host CPU (higher is faster): simulated throttling multiplies the CPU time
    // Chromium really spent, so scores are comparable only between runs at similar values.
    "CPU index": Math.round(lhr.environment?.benchmarkIndex ?? NaN),
  };
  return { figures, scripts: scripts.map((r) => ({ url: String(r.url), bytes: Number(r.transferSize ?? 0) })) };
}

export default async function lighthouseBench() {
  const { default: lighthouse } = await import("lighthouse");
  const pages: Page[] = [
    { label: "landing /", path: "/", who: "anonymous" },
    { label: "/portal", path: "/portal", who: "client" },
    { label: "/portal/billing", path: "/portal/billing", who: "client" },
    { label: "/dashboard", path: "/dashboard", who: "clinician" },
  ];
  const base = Number(process.env.BENCH_PORT ?? 3330);
  let cookies: Record<Exclude<Who, "anonymous">, string> | undefined;
  const server = await startServer(
    base,
    { AUTH_SECRET, EMAIL_DELIVERER: "off", DATABASE_URL: "", SEED_DEMO: "on" },
    async (dataDir) => {
      // The bench process opens the database only here, before the server does (one process per PGlite folder).
      process.env.AUTH_SECRET = AUTH_SECRET;
      process.env.DATABASE_URL = "";
      process.env.DATA_DIR = dataDir;
      cookies = await makeSessions(AUTH_SECRET);
    },
    // `npm start`'s server, as users get it: it sends the build's brotli copies (lib/core/static-brotli.mjs).
    { haven: true },
  );
  const cookieOf = (who: Who) => (who === "anonymous" ? null : cookies![who]);
  const chromePort = Number(process.env.BENCH_CHROME_PORT ?? base + 1);
  const chrome = await startChromium(chromePort);
  try {
    for (const p of pages) {
      const r = await fetch(server.url + p.path, { headers: { cookie: cookieOf(p.who) ?? "" }, redirect: "manual" });
      if (r.status !== 200) throw new Error(`${p.path} answered ${r.status} for the ${p.who}`);
      await r.arrayBuffer(); // also warms the server's first render of each page
    }
    console.log(
      `lighthouse bench: Lighthouse mobile (simulated throttling), ${path.basename(CHROME_PATH)}, server.mjs, ` +
        `median of ${RUNS} runs per page`,
    );
    const rows: Record<string, Figures> = {};
    for (const p of pages) {
      const url = server.url + p.path;
      const cookie = cookieOf(p.who);
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(url, {
          port: chromePort,
          logLevel: "error",
          output: "json",
          onlyCategories: ["performance", "accessibility", "best-practices"],
          ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
        });
        if (!result) throw new Error(`${url}: Lighthouse returned nothing`);
        if (process.env.LIGHTHOUSE_REPORT_DIR) {
          const name = `${p.path.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "landing"}-${i + 1}.json`;
          fs.mkdirSync(process.env.LIGHTHOUSE_REPORT_DIR, { recursive: true });
          // Without the session cookie Lighthouse keeps in its settings.
          const lhr = { ...result.lhr, configSettings: { ...result.lhr.configSettings, extraHeaders: null } };
          fs.writeFileSync(path.join(process.env.LIGHTHOUSE_REPORT_DIR, name), JSON.stringify(lhr));
        }
        const { figures, scripts } = figuresOf(result, url);
        runs.push(figures);
        if (process.env.BENCH_VERBOSE) {
          console.log(`${p.label} run ${i + 1}:`, JSON.stringify(figures));
          if (i === RUNS - 1) {
            for (const s of scripts)
              console.log(`  ${(s.bytes / 1024).toFixed(1).padStart(6)} KiB  ${new URL(s.url).pathname}`);
          }
        }
      }
      const keys = Object.keys(runs[0]) as (keyof Figures)[];
      rows[p.label] = Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k]))])) as Figures;
    }
    console.table(rows);
  } finally {
    await chrome.stop();
    await server.stop();
  }
}
