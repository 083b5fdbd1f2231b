// @ts-check
/**
 * Haven's HTTP server: `npm start` (production) and `npm run dev` (`--dev`). A thin node:http server around Next's
 * request handler that decides each request's client address from the socket before Next sees the request
 * (lib/core/client-address.mjs; docs/decisions.md, "Client address"). Running `next start` directly still works, but
 * then the app records every address as "unknown" and the dev mailbox is closed.
 *
 * Environment (read here directly, not through lib/core/env.ts, because this runs before the app's modules load):
 *   PORT        port to listen on (default 3000)
 *   HOSTNAME    interface to listen on (default 0.0.0.0: every IPv4 interface; 127.0.0.1 for this machine only)
 *   TRUST_PROXY true/1: a reverse proxy is the only way in; take the right-most X-Forwarded-For entry
 *   SHUTDOWN_GRACE_MS how long requests in flight may finish after SIGTERM/SIGINT (default 5000); the whole
 *               shutdown stays under grace + 4 s (lib/core/server-lifecycle.mjs)
 */
/* eslint-disable no-restricted-properties -- the server's own settings, read before lib/core/env.ts can load */
import { createHavenServer, EDGE_SECRET_ENV, newEdgeSecret, parseTrustProxy } from "./lib/core/client-address.mjs";
import { FATAL_HOOK, SHUTDOWN_HOOK, shutDown, trackRequests } from "./lib/core/server-lifecycle.mjs";
import { createBrotliStatic } from "./lib/core/static-brotli.mjs";

const dev = process.argv.includes("--dev");
if (!process.env.NODE_ENV) process.env.NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const port = Number.parseInt(process.env.PORT ?? "", 10) || 3000;
const hostname = process.env.HOSTNAME || "0.0.0.0";
const trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
const graceMs = Number.parseInt(process.env.SHUTDOWN_GRACE_MS ?? "", 10) || 5000;

// Always a fresh secret, set before Next loads (and snapshots process.env): a value from the environment or a
// .env file is never used, so nobody outside this process can know it.
const secret = newEdgeSecret();
process.env[EDGE_SECRET_ENV] = secret;

const { default: next } = await import("next");
const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

// Scripts and style sheets of the build as brotli when the browser accepts it (copies made by `npm run build`;
// docs/decisions.md "Static files sent as brotli"); everything else, and any file without a copy, is Next's.
const brotli = dev ? () => false : createBrotliStatic(".next/static");

// Every request gets an id (X-Request-Id, shown on error pages) and one structured log line when it ends.
const tracker = trackRequests((req, res) => brotli(req, res) || handle(req, res));
const server = createHavenServer(tracker.handler, {
  trustProxy,
  secret,
  // The error's name only: a request error can carry headers, tokens or form data.
  onError: (e) =>
    console.error(
      JSON.stringify({ level: "error", msg: "request failed", error: e instanceof Error ? e.name : "unknown" }),
    ),
});
server.listen(port, hostname, () => {
  console.log(
    JSON.stringify({
      level: "info",
      msg: "listening",
      url: `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`,
      dev,
      trustProxy,
    }),
  );
});

// Graceful shutdown on the signals process managers send (docs/decisions.md "Running several servers, shutdown and
// readiness"): stop accepting, let requests finish (bounded), cut the rest, then the app releases its outbox leases
// and closes the database (PGlite flushes its folder), then exit. The same when the app says it cannot serve any
// more (FATAL_HOOK: the embedded database's thread stopped), but then the exit status is 1, so that a process
// manager starts the server again instead of leaving one that fails every request while it looks alive.
let stopping = false;
/** @param {Record<string, unknown>} why @param {number} status */
function stop(why, status) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  console.log(JSON.stringify({ level: "info", msg: "shutting down", ...why, inFlight: tracker.inFlight() }));
  // A last resort, should anything below hang.
  setTimeout(() => process.exit(1), graceMs + 4000).unref();
  const appHook = /** @type {Record<symbol, (() => Promise<unknown>) | undefined>} */ (globalThis)[SHUTDOWN_HOOK];
  shutDown(server, tracker, { graceMs, cleanupMs: 1500, appMs: 2000, appHook }).then(
    (r) => {
      console.log(JSON.stringify({ level: "info", msg: "stopped", ...r, ms: Date.now() - started }));
      process.exit(status);
    },
    () => process.exit(1),
  );
}
for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM"])) process.on(signal, () => stop({ signal }, 0));
/** @type {Record<symbol, unknown>} */ (globalThis)[FATAL_HOOK] = (/** @type {string} */ reason) => {
  console.error(JSON.stringify({ level: "error", msg: "cannot serve; the server stops", reason }));
  stop({ reason }, 1);
};
