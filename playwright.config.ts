import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import { chromium } from "@playwright/test";

/**
 * Browser specs drive a production build (`npm start`) on a fresh embedded database, like a person on a
 * 360 px-wide phone. Every spec brings its own people (e2e/cast.ts, seeded by e2e/seed.ts before the server
 * starts), so specs and their tests run in parallel and each passes alone (docs/decisions.md "Browser specs").
 * Chromium: PLAYWRIGHT_CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(
    Boolean,
  ) as string[];
  for (const c of candidates) if (fs.existsSync(c)) return c;
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return undefined;
  } catch {
    // fall through to the message below
  }
  throw new Error(
    "No Chromium found for the browser tests. Install one: `apt-get install -y chromium` (Debian), " +
      "or `npx playwright install chromium` where downloads work, or set PLAYWRIGHT_CHROMIUM_PATH.",
  );
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const dataDir = process.env.E2E_DATA_DIR ?? ".e2e-data";
/** The server's stdout and stderr also go here, for the card-number scan after the suite (payments issue). */
const serverLog = process.env.E2E_SERVER_LOG ?? `${dataDir}.server.log`;
/**
 * The embedded database by default. With E2E_DATABASE_URL (a PostgreSQL server whose user may create databases),
 * the suite runs on a fresh database of its own on that server instead, named after the port, dropped and created
 * before seeding: the deployment path, and PGlite's single thread no longer serialises every test's queries.
 */
const adminDbUrl = process.env.E2E_DATABASE_URL;
const e2eDbName = `haven_e2e_${port}`;
const e2eDbUrl = adminDbUrl ? withDatabase(adminDbUrl, e2eDbName) : "";
function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
const freshDatabase = adminDbUrl
  ? `psql "${adminDbUrl}" -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS ${e2eDbName} WITH (FORCE)' -c 'CREATE DATABASE ${e2eDbName}' && `
  : "";

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // The machines this runs on have two cores, shared by the one server and the browsers.
  workers: 2,
  // One retry on CI: a flaky pass is reported as "flaky" in the output, never hidden; locally, none.
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL,
    viewport: { width: 360, height: 780 },
    acceptDownloads: true,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    // https.spec.ts runs behind a TLS proxy (playwright.https.config.ts) and e2e/servers/ starts servers of its own
    // (playwright.servers.config.ts): each has its own configuration.
    { name: "e2e", testIgnore: [/card-data-scan\.spec\.ts$/, /https\.spec\.ts$/, /e2e\/servers\//] },
    // Runs after every other spec: scans the server log and a copy of the embedded database for card numbers.
    { name: "card-data-scan", testMatch: /card-data-scan\.spec\.ts$/, dependencies: ["e2e"] },
  ],
  webServer: {
    // A fresh embedded database every run, seeded with the specs' fixtures BEFORE the server opens it: only one
    // process may ever open a PGlite folder (two lose writes), so the seeding script must have exited first.
    command: `rm -rf ${dataDir} ${serverLog} && ${freshDatabase}npx tsx --conditions=react-server e2e/seed.ts && npm start 2>&1 | tee ${serverLog}`,
    url: `${baseURL}/api/health`,
    // Seeding every cast (and the journeys' three months of demo work) on a shared 2-core machine can take minutes.
    timeout: 300_000,
    reuseExistingServer: false,
    env: {
      PORT: String(port),
      NEXT_TELEMETRY_DISABLED: "1",
      DATA_DIR: dataDir,
      APP_URL: baseURL,
      EMAIL_DELIVERER: "on",
      RESEND_API_KEY: "",
      STRIPE_SECRET_KEY: "",
      NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: "",
      UPLOADTHING_TOKEN: "",
      DATABASE_URL: e2eDbUrl,
      // The whole suite signs in many times from 127.0.0.1 (every cast's people, one IP); the real limits
      // (5 / 30 / 10 an hour) are covered by lib/auth/sign-in-forms.int.test.ts.
      RATE_LIMIT_LINK_PER_EMAIL: "10000",
      RATE_LIMIT_LINK_PER_IP: "10000",
      RATE_LIMIT_PIN_PER_IP: "10000",
    },
    stdout: "pipe",
    stderr: "pipe",
  },
});
