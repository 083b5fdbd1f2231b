// @ts-check
/**
 * Request ids, one log line per request, and graceful shutdown for Haven's HTTP server (server.mjs;
 * docs/decisions.md "Running several servers, shutdown and readiness"). Plain JavaScript for the same reason as
 * lib/core/client-address.mjs: `node server.mjs` loads it before any TypeScript can run.
 */
import { randomBytes } from "node:crypto";

/** The header carrying the request id: set on the request for the app, and on the response for the client. */
export const REQUEST_ID_HEADER = "x-request-id";
/** Where the app finds its shutdown hook (lib/boot.ts registers it; this server calls it). */
export const SHUTDOWN_HOOK = Symbol.for("haven.shutdown");
/**
 * Where the server puts the function the app calls when it cannot serve any more and must not look alive (the
 * embedded database's thread stopped: db/index.ts). The server shuts down as on SIGTERM, then exits with status 1
 * so that a process manager starts it again.
 */
export const FATAL_HOOK = Symbol.for("haven.fatal");

/** 16 random characters: enough to find one request in a day of logs, short enough to read out on the phone. */
export const newRequestId = () => randomBytes(12).toString("base64url");

/**
 * Gives the request a fresh id (any id the client sent is replaced: it could be chosen to collide or to carry
 * text into the logs) and echoes it on the response.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function stampRequestId(req, res) {
  const id = newRequestId();
  req.headers[REQUEST_ID_HEADER] = id;
  const raw = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() !== REQUEST_ID_HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push("X-Request-Id", id);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  res.setHeader("X-Request-Id", id);
  return id;
}

/**
 * The path without its query string (sign-in callbacks carry tokens there) and cut to 200 characters. Haven's
 * URLs carry no PHI (docs/product.md), only ids.
 * @param {string | undefined} url
 */
export function loggablePath(url) {
  const path = (url ?? "/").split("?")[0].split("#")[0];
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

/**
 * The structured line written when a request ends: id, method, path, status, duration, and whether the client
 * went away (or the server cut it at shutdown) before the response was complete. No headers, no query, no body.
 * @param {{ id: string; method: string | undefined; url: string | undefined; status: number; ms: number; completed: boolean }} r
 */
export function requestLogLine(r) {
  return JSON.stringify({
    t: new Date().toISOString(),
    level: "info",
    msg: "request",
    requestId: r.id,
    method: r.method,
    path: loggablePath(r.url),
    status: r.status,
    ms: Math.round(r.ms),
    ...(r.completed ? {} : { aborted: true }),
  });
}

/**
 * Wraps a request handler: stamps the id, counts requests in flight and logs each one when it ends.
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} handler
 * @param {{ log?: (line: string) => void }} [opts]
 */
export function trackRequests(handler, { log = (line) => console.log(line) } = {}) {
  let inFlight = 0;
  /** @type {Set<() => void>} */
  const idleWaiters = new Set();
  /** @param {import("node:http").IncomingMessage} req @param {import("node:http").ServerResponse} res */
  const wrapped = async (req, res) => {
    const started = performance.now();
    const id = stampRequestId(req, res);
    inFlight++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      log(
        requestLogLine({
          id,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: performance.now() - started,
          completed: res.writableFinished,
        }),
      );
    };
    res.once("close", finish);
    try {
      await handler(req, res);
    } finally {
      inFlight--;
      if (inFlight === 0) for (const w of idleWaiters) w();
    }
  };
  return {
    handler: wrapped,
    inFlight: () => inFlight,
    /**
     * Resolves true when no handler is running, or false after `ms`.
     * @param {number} ms
     */
    idle(ms) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const w = () => {
          clearTimeout(timer);
          idleWaiters.delete(w);
          resolve(true);
        };
        const timer = setTimeout(() => {
          idleWaiters.delete(w);
          resolve(false);
        }, ms);
        idleWaiters.add(w);
      });
    },
  };
}

/**
 * Graceful shutdown, bounded (docs/decisions.md "Running several servers, shutdown and readiness"):
 * 1. stop accepting connections and close idle keep-alive ones;
 * 2. let requests in flight finish for up to `graceMs`;
 * 3. cut the connections still open (an upload in progress fails; its handler deletes what it staged) and give
 *    the handlers `cleanupMs` to finish their clean-up;
 * 4. run the app's hook (stop the email deliverer, release its outbox leases, close the database), bounded too.
 * Resolves with what happened; the caller exits the process.
 * @param {import("node:http").Server} server
 * @param {ReturnType<typeof trackRequests>} tracker
 * @param {{ graceMs: number; cleanupMs: number; appMs: number; appHook?: () => Promise<unknown> }} opts
 */
export async function shutDown(server, tracker, { graceMs, cleanupMs, appMs, appHook }) {
  const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
  server.closeIdleConnections();
  // Keep-alive connections that become idle while draining are closed too.
  const idleCloser = setInterval(() => server.closeIdleConnections(), 100);
  const drained = await tracker.idle(graceMs);
  clearInterval(idleCloser);
  let cut = 0;
  if (!drained) {
    cut = tracker.inFlight();
    server.closeAllConnections();
    await tracker.idle(cleanupMs);
  }
  await Promise.race([closed, new Promise((r) => setTimeout(r, 200))]);
  let app = "none";
  if (appHook) {
    app = await Promise.race([
      appHook().then(
        () => "done",
        () => "failed",
      ),
      new Promise((r) => setTimeout(() => r("timed out"), appMs)),
    ]).then(String);
  }
  return { drained, cut, app };
}
