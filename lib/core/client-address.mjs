// @ts-check
/**
 * The one place Haven learns a client's address: the HTTP server in front of Next (server.mjs) derives it from
 * the socket, before Next or any app code sees the request, and hands it on in one header that lib/core/http.ts
 * reads. Next itself gives route handlers no socket address, and `next start` only sets X-Forwarded-For when the
 * request has none, so any header a client sends would otherwise be believed (docs/decisions.md, "Client address").
 *
 * Plain JavaScript with JSDoc rather than TypeScript: it is loaded by `node server.mjs` in production, where
 * Node 20 cannot strip types and tsx (a dev dependency) may not be installed. lib/client-address.d.mts gives
 * TypeScript callers its types.
 */
import { createServer } from "node:http";
import { isIP } from "node:net";
import { randomBytes, timingSafeEqual } from "node:crypto";

/** The header that carries the derived address to the app. Any copy a client sends is replaced. */
export const CLIENT_IP_HEADER = "x-haven-client-ip";
/**
 * A per-process secret the server puts beside the address, so the app can tell a header this server wrote from
 * one a client wrote (e.g. when someone runs `next start` directly and nothing strips it): no match, no address.
 */
export const EDGE_SECRET_HEADER = "x-haven-edge";
/** The environment variable that hands the secret to the app in the same process (read via lib/core/env.ts). */
export const EDGE_SECRET_ENV = "HAVEN_EDGE_SECRET";
/** What the app records when it cannot know the address. Never a value a client chose. */
export const UNKNOWN_ADDRESS = "unknown";

/** Headers that claim a client address; removed from every request so nothing downstream can believe them. */
const CLAIM_HEADERS = ["x-forwarded-for", "x-real-ip", "forwarded", CLIENT_IP_HEADER, EDGE_SECRET_HEADER];

/**
 * A canonical textual IP address, or null when `value` is not one. IPv4-mapped IPv6 (`::ffff:127.0.0.1`, what a
 * dual-stack socket reports for IPv4 peers) becomes plain IPv4, so one client has one rate-limit key.
 * @param {string | undefined | null} value
 * @returns {string | null}
 */
export function normalizeAddress(value) {
  if (!value) return null;
  let v = value.trim();
  if (v.startsWith("[") && v.endsWith("]")) v = v.slice(1, -1);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1];
  const kind = isIP(v);
  if (kind === 0) return null;
  return kind === 6 ? v.toLowerCase() : v;
}

/**
 * The client's address for one request.
 * - Without a trusted proxy: the socket's peer. Every header is client-chosen, so none is read.
 * - With `trustProxy`: the right-most X-Forwarded-For entry, the one the trusted proxy appended from its own
 *   socket (nginx `$proxy_add_x_forwarded_for`, Caddy's default). Entries to its left came from the client.
 *   A request that reached Haven without passing the proxy has no entry: then the socket's peer.
 * Anything that is not an IP address gives "unknown".
 * @param {{ socketAddress: string | undefined | null; forwardedFor: string | string[] | undefined; trustProxy: boolean }} input
 * @returns {string}
 */
export function deriveClientAddress({ socketAddress, forwardedFor, trustProxy }) {
  if (trustProxy) {
    const joined = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
    const entries = joined
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length > 0) return normalizeAddress(entries[entries.length - 1]) ?? UNKNOWN_ADDRESS;
  }
  return normalizeAddress(socketAddress) ?? UNKNOWN_ADDRESS;
}

/**
 * Rewrites the request's address headers in place: removes every incoming claim, then sets the derived address
 * (also as X-Forwarded-For, so Next's own `??=` finds it set and adds nothing) and the secret.
 * @param {import("node:http").IncomingMessage} req
 * @param {{ trustProxy: boolean; secret: string }} opts
 * @returns {string} the derived address
 */
export function stampClientAddress(req, { trustProxy, secret }) {
  const address = deriveClientAddress({
    socketAddress: req.socket.remoteAddress,
    forwardedFor: req.headers["x-forwarded-for"],
    trustProxy,
  });
  for (const h of CLAIM_HEADERS) delete req.headers[h];
  // rawHeaders is what some adapters rebuild headers from: drop the claims there too.
  const raw = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (!CLAIM_HEADERS.includes(req.rawHeaders[i].toLowerCase())) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
  }
  raw.push("X-Forwarded-For", address, "X-Haven-Client-Ip", address, "X-Haven-Edge", secret);
  req.rawHeaders.splice(0, req.rawHeaders.length, ...raw);
  req.headers["x-forwarded-for"] = address;
  req.headers[CLIENT_IP_HEADER] = address;
  req.headers[EDGE_SECRET_HEADER] = secret;
  return address;
}

/** A fresh secret for one server process. */
export const newEdgeSecret = () => randomBytes(32).toString("base64url");

/**
 * True when `given` is this process's secret (constant-time, so response timing does not leak it).
 * @param {string | null | undefined} given
 * @param {string | null | undefined} expected
 */
export function isEdgeSecret(given, expected) {
  if (!given || !expected) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * An HTTP server that stamps every request's client address and then hands it to `handler` (Next's request
 * handler in production; a stub in tests).
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => unknown} handler
 * @param {{ trustProxy: boolean; secret: string; onError?: (e: unknown) => void }} opts
 */
export function createHavenServer(handler, { trustProxy, secret, onError }) {
  return createServer(async (req, res) => {
    try {
      stampClientAddress(req, { trustProxy, secret });
      await handler(req, res);
    } catch (e) {
      onError?.(e);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    }
  });
}

/**
 * TRUST_PROXY as lib/core/env.ts reads it ("true" or "1"); the server runs before the app's modules load.
 * @param {string | undefined} value
 */
export const parseTrustProxy = (value) => value === "true" || value === "1";
