import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/core/env";
import {
  CLIENT_IP_HEADER,
  EDGE_SECRET_HEADER,
  UNKNOWN_ADDRESS,
  isEdgeSecret,
  normalizeAddress,
} from "@/lib/core/client-address.mjs";

export type RequestMeta = { ip: string | null; userAgent: string | null; origin: string | null; host: string | null };

/**
 * The client's IP: the one value server.mjs derived from the socket (or, with TRUST_PROXY, from the proxy's
 * X-Forwarded-For entry) and stamped on the request with this process's secret (lib/core/client-address.mjs). Every
 * rate limit, audit row, session, signature and card authorisation takes its address from here. No other header
 * is read: a client can send any of them. Without the server's stamp (someone ran `next start` directly, or a
 * client forged the header) the answer is "unknown", never a value the client chose.
 */
export function clientIpFrom(h: Headers): string {
  if (!isEdgeSecret(h.get(EDGE_SECRET_HEADER), env().HAVEN_EDGE_SECRET)) return UNKNOWN_ADDRESS;
  return normalizeAddress(h.get(CLIENT_IP_HEADER)) ?? UNKNOWN_ADDRESS;
}

/** Loopback (127.0.0.0/8, ::1, IPv4-mapped 127.x): the request came from this machine. */
export function isLoopbackAddress(ip: string | null): boolean {
  const a = normalizeAddress(ip);
  if (!a) return false;
  return a === "::1" || /^127\./.test(a);
}

export function metaFrom(h: Headers): RequestMeta {
  return {
    ip: clientIpFrom(h),
    userAgent: h.get("user-agent")?.slice(0, 300) ?? null,
    origin: h.get("origin"),
    host: h.get("x-forwarded-host") ?? h.get("host"),
  };
}

/** Request metadata inside server components and server actions. */
export async function requestMeta(): Promise<RequestMeta> {
  try {
    return metaFrom(await headers());
  } catch {
    // Outside a request (scripts, tests).
    return { ip: null, userAgent: null, origin: null, host: null };
  }
}

/**
 * THE same-origin check for route handlers (docs/decisions.md "Same-origin requests"). A request passes when
 * - `Sec-Fetch-Site`, if sent, is `same-origin` (or `none`: the user typed the URL or opened a bookmark, which
 *   only matters for GET downloads; a cross-site page cannot produce `none`), and
 * - `Origin`, if it names an origin, is this app's: APP_URL's origin or the request's own host; `Origin: null`
 *   is what browsers send on form posts from a page with `Referrer-Policy: no-referrer`, so then only a
 *   `Sec-Fetch-Site: same-origin` (page scripts cannot set it) vouches for the request.
 * `requireProof` (state-changing requests: uploads, autosave, sign-in posts): a request with neither a same-origin
 * `Origin` nor `Sec-Fetch-Site: same-origin` is refused. Without it (downloads), a request carrying neither header
 * (an old browser, curl with the session cookie) is allowed: the data layer still authorises it.
 */
export function isSameOriginRequest(req: Request, { requireProof }: { requireProof: boolean }): boolean {
  const h = req.headers;
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && !(site === "none" && !requireProof)) return false;
  const origin = h.get("origin");
  if (origin === "null") return site === "same-origin";
  if (!origin) return site === "same-origin" || !requireProof;
  return allowedOrigins(req).has(origin);
}

function allowedOrigins(req: Request): Set<string> {
  const allowed = new Set<string>([new URL(env().APP_URL).origin]);
  try {
    allowed.add(new URL(req.url).origin);
  } catch {
    // a relative URL (tests): APP_URL and the Host header decide
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) {
    let proto = "http";
    try {
      proto = (req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "")).split(",")[0].trim();
    } catch {
      // keep http
    }
    allowed.add(`${proto}://${host}`);
    // Behind a TLS-terminating proxy that sets no X-Forwarded-Proto, the page's origin is https.
    allowed.add(`https://${host}`);
  }
  return allowed;
}
