import { defineConfig } from "@playwright/test";

/**
 * Server-level specs (e2e/servers/): each starts its own production servers (`node server.mjs` on the build) with
 * its own data, signals and restarts them: graceful shutdown during an upload, two servers on one PostgreSQL and
 * one S3 bucket (docs/deploy/several-servers.md). No shared web server, no browser: run after `npm run build`
 * with `npx playwright test -c playwright.servers.config.ts`. Ports: SERVERS_PORT (default 3400) and the next two.
 */
export default defineConfig({
  testDir: "e2e/servers",
  timeout: 240_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
});
