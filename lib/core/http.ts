import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/core/env";
import { CLIENT_IP_HEADER, EDGE_SECRET_HEADER, UNKNOWN_ADDRESS, isEdgeSecret, normalizeAddress } from "@/lib/core/client-address.mjs";

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
