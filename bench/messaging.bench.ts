/**
 * `npm run bench messaging` (docs/performance.md, Messaging): secure messages between two real browsers, through
 * the production server.
 *
 *   npm run build                      # the bench builds nothing: it drives the production build in .next
 *   npm run bench messaging            # one server on a fresh embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench messaging
 *                                      # also two servers on one scratch PostgreSQL database (A sends, B reads)
 *
 * 1. **Delivery latency.** Two headless Chromium browsers: Jordan Lee (client, the couple profile) on
 *    /portal/messages and Ana Rivera (clinician) on that conversation in /dashboard/clients/<id>/messages. Jordan
 *    types BENCH_MESSAGES messages (default 30) one after another and clicks Send; each carries a unique token.
 *    A MutationObserver in Ana's page stamps the moment each token is in her page (Date.now(), the same clock as
 *    this process on one machine). Reported: click → visible, and server accepted (the send's response reached
 *    Jordan's page) → visible. The path measured is the whole product path: the route, the transaction with its
 *    audit row, NOTIFY, the LISTEN, Ana's server-sent-events stream, her page's refresh (a full re-render of the
 *    thread through the audited data layer) and React's commit.
 * 2. **Sustained throughput.** BENCH_SENDERS (default 4) loops post messages for BENCH_SECONDS (default 10) to
 *    the running server's /api/messages with Jordan's session cookie, as his page's own fetch does, while both pages
 *    stay open (each message refreshes both). Reported: messages/s the server accepted, messages/s that became
 *    visible on Ana's open page (up to the last one seen), and the lag of each from acceptance to visible.
 * 3. **Data layer only** (no HTTP, no browser; the figure this bench printed before): sendMessage → LISTEN in this
 *    process on a scratch database, and messages/s through sendMessage with several senders.
 *
 * Sessions are made directly in the database before the server starts (bench/lib.ts seedAndMakeSessions), as the
 * pages bench does. The message rate limit is lifted for the servers (RATE_LIMIT_MESSAGES_PER_MINUTE).
 * Ports: BENCH_PORT (default 3320) and the next one for server B.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { chromium, type Browser, type Page } from "@playwright/test";
import { CHROMIUM_ARGS, chromiumPath } from "../playwright.config";
import { closeDb } from "@/db";
import { runMigrations } from "@/db/migrate";
import { DEMO, seedDemo } from "@/lib/demo/seed";
import { principalFor } from "@/lib/test/auth-fixtures";
import {
  percentile,
  openScratchDatabase,
  scratchDatabase,
  seedAndMakeSessions,
  SESSION_COOKIE,
  startServer,
  type Server,
} from "./lib";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 30);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 4);
const DATA_MESSAGES = Number(process.env.BENCH_DATA_MESSAGES ?? 300);
const PORT = Number(process.env.BENCH_PORT ?? 3320);
const AUTH_SECRET = randomBytes(32).toString("base64url");
const SERVER_ENV = {
  AUTH_SECRET,
  EMAIL_DELIVERER: "off",
  SEED_DEMO: "off",
  RATE_LIMIT_MESSAGES_PER_MINUTE: "1000000",
};
const PROFILE = DEMO.profiles.jordanCasey;
/** A token per run and message: `bench-<run>-<kind><n>`. */
const RUN = randomBytes(3).toString("hex");
const TOKEN = /bench-[0-9a-f]{6}-[a-z]\d+/g;

type Cookies = { jordan: string; ana: string };
type LatencyRow = {
  setup: string;
  messages: number;
  "click→visible p50 ms": number;
  "p95 ms": number;
  "max ms": number;
  "accepted→visible p50 ms": number;
  "accepted→visible p95 ms": number;
};
type ThroughputRow = {
  setup: string;
  senders: number;
  "accepted msg/s": number;
  "visible msg/s": number;
  "visible / accepted": string;
  "lag p50 ms": number;
  "lag p95 ms": number;
  "send errors": number;
};

const sessionsFor = () =>
  seedAndMakeSessions<keyof Cookies>(AUTH_SECRET, {
    jordan: { email: DEMO.jordan, profileId: PROFILE },
    ana: { email: DEMO.ana, staff: true },
  });

/**
 * Runs in the reader's page before its scripts: the first moment each bench token is in the page. A string, not a
 * function: tsx's transform would add helpers to a function's text that do not exist in the page.
 */
const STAMP_TOKENS = `(() => {
  const seen = {};
  window.__benchSeen = seen;
  const re = new RegExp(${JSON.stringify(TOKEN.source)}, "g");
  const scan = () => {
    const now = Date.now();
    for (const el of document.querySelectorAll('[data-testid="message-body"]'))
      for (const m of el.textContent.match(re) || []) if (!(m in seen)) seen[m] = now;
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

async function openAs(browser: Browser, server: Server, cookie: string, path: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 900 } });
  await ctx.addCookies([
    {
      name: SESSION_COOKIE,
      value: cookie.slice(SESSION_COOKIE.length + 1),
      url: server.url,
      httpOnly: true,
      sameSite: "Lax",
    },
  ]);
  await ctx.addInitScript(STAMP_TOKENS);
  const page = await ctx.newPage();
  const r = await page.goto(path);
  if (r?.status() !== 200 || !page.url().endsWith(path)) throw new Error(`${path} did not open (${r?.status()})`);
  return page;
}

const seenIn = (page: Page) =>
  page.evaluate(() => ({ ...(window as unknown as { __benchSeen: Record<string, number> }).__benchSeen }));

/** Jordan types a message and clicks Send; resolves with the click time and when the server's answer arrived. */
async function typeAndSend(page: Page, text: string): Promise<{ clicked: number; accepted: number }> {
  const field = page.getByLabel("Your message");
  await field.fill("");
  await field.pressSequentially(text);
  const answered = page.waitForResponse(
    (r) => new URL(r.url()).pathname === "/api/messages" && r.request().method() === "POST",
  );
  const clicked = Date.now();
  await page.getByRole("button", { name: "Send message" }).click();
  const res = await answered;
  const accepted = Date.now();
  if (res.status() !== 200) throw new Error(`the send answered ${res.status()}`);
  // The form is ready again (the field emptied) before the next message is typed.
  await page.getByRole("status").filter({ hasText: "Message sent." }).waitFor();
  return { clicked, accepted };
}

async function waitSeen(page: Page, token: string, timeout = 30_000): Promise<number> {
  const h = await page.waitForFunction(
    (t) => (window as unknown as { __benchSeen: Record<string, number> }).__benchSeen[t],
    token,
    { timeout, polling: 20 },
  );
  return (await h.jsonValue()) as number;
}

const ms = (sorted: number[], p: number) => Math.round(percentile(sorted, p));

async function measureBrowsers(setup: string, sender: Server, reader: Server, cookies: Cookies) {
  const launch = () => chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const [browserA, browserB] = await Promise.all([launch(), launch()]);
  try {
    const jordan = await openAs(browserA, sender, cookies.jordan, "/portal/messages");
    // The first message starts the conversation; after it Jordan's page holds the live stream too.
    await typeAndSend(jordan, `Hello, this starts the bench conversation bench-${RUN}-w0`);
    const ana = await openAs(browserB, reader, cookies.ana, `/dashboard/clients/${PROFILE}/messages`);
    await waitSeen(ana, `bench-${RUN}-w0`);
    // Warm-up, not counted: the routes, the streams, the first renders. Ana's live stream opens only after her page
    // has loaded (seconds on a cold server), and a message sent before it is open is not announced to her page; so
    // the warm-up goes on until three messages in a row have arrived live.
    for (let i = 1, inRow = 0; inRow < 3; i++) {
      if (i > 20) throw new Error("Ana's page did not receive messages live: is the event stream working?");
      await typeAndSend(jordan, `Warm-up message bench-${RUN}-w${i}`);
      inRow = (await waitSeen(ana, `bench-${RUN}-w${i}`, 5_000).catch(() => null)) ? inRow + 1 : 0;
    }

    const fromClick: number[] = [];
    const fromAccept: number[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      const token = `bench-${RUN}-l${i}`;
      const { clicked, accepted } = await typeAndSend(jordan, `Could we talk about the week? ${token}`);
      const visible = await waitSeen(ana, token);
      fromClick.push(visible - clicked);
      fromAccept.push(visible - accepted);
    }
    fromClick.sort((a, b) => a - b);
    fromAccept.sort((a, b) => a - b);
    const latency: LatencyRow = {
      setup,
      messages: MESSAGES,
      "click→visible p50 ms": ms(fromClick, 50),
      "p95 ms": ms(fromClick, 95),
      "max ms": Math.round(fromClick[fromClick.length - 1]),
      "accepted→visible p50 ms": ms(fromAccept, 50),
      "accepted→visible p95 ms": ms(fromAccept, 95),
    };

    // Throughput: posts through the running server with Jordan's cookie, the way his page's fetch sends them.
    const acceptedAt = new Map<string, number>();
    let errors = 0;
    let n = 0;
    const started = Date.now();
    const until = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (Date.now() < until) {
          const token = `bench-${RUN}-t${n++}`;
          const fd = new FormData();
          fd.set("profileId", PROFILE);
          fd.set("body", `Throughput message ${token}`);
          fd.set("back", "/portal/messages");
          const r = await fetch(`${sender.url}/api/messages`, {
            method: "POST",
            body: fd,
            headers: { cookie: cookies.jordan, origin: sender.url, accept: "application/json" },
          });
          const reply = (await r.json().catch(() => null)) as { ok?: boolean } | null;
          if (r.status === 200 && reply?.ok) acceptedAt.set(token, Date.now());
          else errors++;
        }
      }),
    );
    const sendSeconds = (Date.now() - started) / 1000;
    // Ana's page catches up: wait until every accepted message is visible, or 30 s without progress.
    let seen: Record<string, number> = {};
    let lastProgress = Date.now();
    let lastCount = -1;
    for (;;) {
      seen = await seenIn(ana);
      const count = [...acceptedAt.keys()].filter((t) => t in seen).length;
      if (count === acceptedAt.size) break;
      if (count !== lastCount) [lastCount, lastProgress] = [count, Date.now()];
      if (Date.now() - lastProgress > 30_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const lags: number[] = [];
    let lastVisible = started;
    for (const [t, at] of acceptedAt) {
      if (!(t in seen)) continue;
      lags.push(seen[t] - at);
      lastVisible = Math.max(lastVisible, seen[t]);
    }
    lags.sort((a, b) => a - b);
    const throughput: ThroughputRow = {
      setup,
      senders: SENDERS,
      "accepted msg/s": +(acceptedAt.size / sendSeconds).toFixed(1),
      "visible msg/s": +(lags.length / ((lastVisible - started) / 1000)).toFixed(1),
      "visible / accepted": `${lags.length} / ${acceptedAt.size}`,
      "lag p50 ms": ms(lags, 50),
      "lag p95 ms": ms(lags, 95),
      "send errors": errors,
    };
    return { latency, throughput };
  } catch (e) {
    const printed: [string, Server][] =
      sender === reader
        ? [["the", sender]]
        : [
            ["the sender's", sender],
            ["the reader's", reader],
          ];
    for (const [name, server] of printed)
      console.error(`${name} server (${server.url}) printed:\n${server.output().slice(-3000)}`);
    throw e;
  } finally {
    await Promise.all([browserA.close(), browserB.close()]);
  }
}

/** One server on a fresh embedded database: both browsers on it. */
async function embeddedRun() {
  let cookies: Cookies | undefined;
  const server = await startServer(PORT, { ...SERVER_ENV, DATABASE_URL: "" }, async (dataDir) => {
    // The bench opens the folder only here, before the server does (one process per PGlite folder).
    process.env.AUTH_SECRET = AUTH_SECRET;
    process.env.DATABASE_URL = "";
    process.env.DATA_DIR = dataDir;
    cookies = await sessionsFor();
  });
  try {
    return await measureBrowsers("PGlite, one server", server, server, cookies!);
  } finally {
    await server.stop();
  }
}

/** Two servers on one scratch PostgreSQL database: Jordan on A, Ana on B (only NOTIFY tells B). */
async function twoServerRun() {
  const scratch = await scratchDatabase();
  if (!scratch) return null;
  const servers: Server[] = [];
  try {
    process.env.AUTH_SECRET = AUTH_SECRET;
    process.env.DATABASE_URL = scratch.url;
    const cookies = await sessionsFor();
    for (const port of [PORT, PORT + 1])
      servers.push(await startServer(port, { ...SERVER_ENV, DATABASE_URL: scratch.url }));
    return await measureBrowsers("PostgreSQL, A sends, B reads", servers[0], servers[1], cookies);
  } finally {
    for (const s of servers) await s.stop();
    await scratch.drop();
  }
}

/** The data layer alone (no HTTP, no browser), in this process on a scratch database. */
async function dataLayerRun(): Promise<string[]> {
  process.env.RATE_LIMIT_MESSAGES_PER_MINUTE = "1000000";
  const scratch = await openScratchDatabase(10);
  const label = scratch.postgres ? "PostgreSQL, pool of 10" : "PGlite in memory";
  const { sendMessage } = await import("@/lib/messaging/messages");
  const { subscribe } = await import("@/lib/messaging/live");
  try {
    await runMigrations();
    await seedDemo();
    const [jordan, ana] = await Promise.all([principalFor(DEMO.jordan), principalFor(DEMO.ana)]);
    const first = await sendMessage(jordan, { profileId: PROFILE, body: "bench start" });
    let heard: (() => void) | null = null;
    const stop = await subscribe(first.conversationId, () => heard?.());
    const latencies: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const got = new Promise<void>((resolve) => (heard = resolve));
      await sendMessage(i % 2 ? ana : jordan, { profileId: PROFILE, body: `latency ${i}` });
      await got;
      latencies.push(performance.now() - t0);
    }
    stop();
    latencies.sort((a, b) => a - b);
    const profiles = [DEMO.profiles.jordan, DEMO.profiles.jordanCasey, DEMO.profiles.pat, DEMO.profiles.mia];
    const started = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, s) => {
        for (let i = s; i < DATA_MESSAGES; i += SENDERS) {
          await sendMessage(ana, { profileId: profiles[s % profiles.length], body: `message ${i} `.repeat(20) });
          sent++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return [
      `data layer only (${label}; no HTTP, no browser):`,
      `  sendMessage → LISTEN ms: p50 ${percentile(latencies, 50).toFixed(1)}, p95 ${percentile(latencies, 95).toFixed(1)} over ${latencies.length}`,
      `  sendMessage sustained: ${(sent / seconds).toFixed(0)} messages/s (${sent} by ${SENDERS} senders in ${seconds.toFixed(2)} s)`,
    ];
  } finally {
    await closeDb();
    await scratch.drop();
  }
}

export default async function benchMessaging(): Promise<void> {
  if (!fs.existsSync(".next/BUILD_ID"))
    throw new Error(
      "No production build in .next: run `npm run build` first. The messaging bench drives the production server " +
        "(next start) with two browsers and builds nothing itself (docs/performance.md, Messaging).",
    );
  chromiumPath(); // fails early, with how to install one, when no Chromium is found
  console.log(
    `messaging bench: next start, two headless Chromium browsers; ${MESSAGES} messages typed one at a time, ` +
      `then ${SENDERS} HTTP senders for ${SECONDS} s`,
  );
  const runs = [await embeddedRun()];
  const print = () => {
    console.log("\nDelivery latency, Jordan's browser → Ana's browser (ms):");
    console.table(runs.map((r) => r.latency));
    console.log("\nSustained throughput through the server, delivered to Ana's open page:");
    console.table(runs.map((r) => r.throughput));
  };
  if (process.env.BENCH_DATABASE_URL) {
    print(); // the embedded figures stand even if the PostgreSQL run fails
    const two = await twoServerRun();
    if (two) runs.push(two);
  } else console.log("(set BENCH_DATABASE_URL to also run two servers on one PostgreSQL)");
  print();
  console.log(`\n${(await dataLayerRun()).join("\n")}`);
}
