import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/core/env";

export type RequestMeta = { ip: string | null; userAgent: string | null; origin: string | null; host: string | null };

/**
 * The client's IP. `next start` appends the socket address to X-Forwarded-For, so without a trusted
 * reverse proxy we take the right-most entry (a client cannot forge it); behind one (TRUST_PROXY=true)
 * the proxy appended the client's address before Next appended the proxy's, so we take the one before.
 */
export function clientIpFrom(h: Headers): string | null {
  const parts = (h.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) return h.get("x-real-ip");
  if (env().TRUST_PROXY && parts.length >= 2) return parts[parts.length - 2];
  return parts[parts.length - 1];
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
