import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Browser, Page } from "@playwright/test";
import { test, expect, signInByEmail } from "./fixtures";

/**
 * docs/decisions.md, Messaging: live delivery crosses servers. Two app servers (`node server.mjs`, the production
 * build) share one PostgreSQL database; Casey writes through server A and Jordan, reading on server B, sees it
 * within 2 seconds, which only the database's NOTIFY can tell B. Needs a PostgreSQL server whose URL is given in
 * E2E_POSTGRES_URL or TEST_DATABASE_URL, as CI sets it (a database is created for the run and dropped after); skipped without one.
 */
const adminUrl = process.env.E2E_POSTGRES_URL ?? process.env.TEST_DATABASE_URL;
const base = Number(process.env.E2E_PORT ?? 3100);
// +10 is the backup spec's restored server (e2e/backup.spec.ts), which may run at the same time.
const ports = [base + 30, base + 40];
/** The demo practice's couple (lib/demo/seed.ts), seeded by the first server. */
const DEMO = { jordan: "jordan.lee@example.com", casey: "casey.lee@example.com" };
const urlOf = (port: number) => `http://localhost:${port}`;

test.describe("two app servers on one PostgreSQL", () => {
  test.skip(!adminUrl, "set E2E_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres) to run");
  test.describe.configure({ mode: "serial", timeout: 300_000 });

  const name = `haven_msg2_${randomBytes(4).toString("hex")}`;
  const servers: ChildProcess[] = [];
  let databaseUrl = "";

  async function start(port: number) {
    const dataDir = `${process.env.E2E_DATA_DIR ?? ".e2e-data"}-two-servers`;
    const child = spawn("node", ["server.mjs"], {
      env: {
        ...process.env,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        DATABASE_URL: databaseUrl,
        // The same folder for both: it holds the generated secrets the two servers must share (no database).
        DATA_DIR: dataDir,
        APP_URL: urlOf(port),
        SEED_DEMO: "on",
        DEV_MAILBOX: "on",
        EMAIL_DELIVERER: "on",
        RESEND_API_KEY: "",
        STRIPE_SECRET_KEY: "",
        UPLOADTHING_TOKEN: "",
        RATE_LIMIT_LINK_PER_EMAIL: "10000",
        RATE_LIMIT_LINK_PER_IP: "10000",
      },
      stdio: "ignore",
    });
    servers.push(child);
    await expect(async () => {
      const r = await fetch(`${urlOf(port)}/api/health`);
      expect(r.ok).toBe(true);
    }).toPass({ timeout: 180_000, intervals: [1000] });
  }

  test.beforeAll(async () => {
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(adminUrl!);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    // One after the other: the first migrates and seeds; the second finds it done.
    await start(ports[0]);
    await start(ports[1]);
  });

  test.afterAll(async () => {
    for (const s of servers) s.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1000));
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  async function personOn(browser: Browser, port: number, email: string): Promise<Page> {
    const ctx = await browser.newContext({ baseURL: urlOf(port), viewport: { width: 360, height: 780 } });
    const page = await ctx.newPage();
    await signInByEmail(page, email);
    await page.goto("/portal/profiles");
    await page
      .getByRole("list", { name: "Your profiles" })
      .getByRole("button", { name: /Jordan & Casey Lee/ })
      .click();
    await page.waitForURL(/\/portal$/);
    return page;
  }

  test("a message sent through server A appears for a reader on server B within 2 seconds", async ({ browser }) => {
    const jordanOnB = await personOn(browser, ports[1], DEMO.jordan);
    const caseyOnA = await personOn(browser, ports[0], DEMO.casey);
    await caseyOnA.goto("/portal/messages");
    await caseyOnA.getByLabel("Your message").fill("Opening the conversation from server A.");
    await caseyOnA.getByRole("button", { name: "Send message" }).click();
    await expect(caseyOnA.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();

    await jordanOnB.goto("/portal/messages");
    await expect(jordanOnB.getByText("Opening the conversation from server A.")).toBeVisible();
    // Give the page's event stream a moment to connect before the live message.
    await jordanOnB.waitForTimeout(500);

    await caseyOnA.getByLabel("Your message").fill("Live through PostgreSQL NOTIFY.");
    await caseyOnA.getByRole("button", { name: "Send message" }).click();
    await expect(caseyOnA.getByRole("status").filter({ hasText: "Message sent." })).toBeVisible();
    await expect(jordanOnB.getByText("Live through PostgreSQL NOTIFY.")).toBeVisible({ timeout: 2_000 });
    await jordanOnB.context().close();
    await caseyOnA.context().close();
  });
});
