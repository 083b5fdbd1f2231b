import type { IncomingMessage } from "node:http";
import { EDGE_SECRET_ENV, newEdgeSecret, stampClientAddress } from "@/lib/core/client-address.mjs";

/**
 * A request's headers as the app receives them behind server.mjs: the client at `socketAddress` sent `headers`
 * (forged address headers included), and the real wrapper code (lib/core/client-address.mjs) rewrote them, with this
 * test process's edge secret. Lets integration tests drive route logic with the addresses production would see.
 */
export function headersThroughServer(
  socketAddress: string,
  headers: Record<string, string> = {},
  opts: { trustProxy?: boolean } = {},
): Record<string, string> {
  let secret = process.env[EDGE_SECRET_ENV];
  if (!secret) {
    secret = newEdgeSecret();
    process.env[EDGE_SECRET_ENV] = secret;
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const req = {
    socket: { remoteAddress: socketAddress },
    headers: lower,
    rawHeaders: Object.entries(headers).flat(),
  } as unknown as IncomingMessage;
  stampClientAddress(req, { trustProxy: opts.trustProxy ?? false, secret });
  return req.headers as Record<string, string>;
}
