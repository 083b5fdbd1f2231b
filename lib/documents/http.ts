import "server-only";
import { env } from "@/lib/core/env";
import { GENERIC_ERROR, isExpectedError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { metaFrom } from "@/lib/core/http";

/**
 * The file route handlers are not covered by the page proxy (it would buffer upload bodies), so they check the
 * request's origin themselves: an upload must come from our own pages (Origin equals this host or APP_URL), and a
 * download must not be requested cross-site (Sec-Fetch-Site), which stops other sites from driving either.
 */
export function sameOrigin(req: Request, { requireOrigin }: { requireOrigin: boolean }): boolean {
  const h = req.headers;
  const site = h.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = h.get("origin");
  if (!origin) return !requireOrigin;
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return false;
  }
  const host = metaFrom(h).host;
  return o.host === host || o.origin === new URL(env().APP_URL).origin;
}

export const BASE_HEADERS = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...BASE_HEADERS, "Content-Type": "application/json" } });
}

/** Expected errors keep their message and status (413, 415, 404…); anything else is logged and generic. */
export function errorResponse(e: unknown, what: string): Response {
  if (isExpectedError(e)) return jsonResponse({ error: e.message }, e.status);
  log.error(what, e);
  return jsonResponse({ error: GENERIC_ERROR }, 500);
}
