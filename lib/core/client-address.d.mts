import type { IncomingMessage, Server, ServerResponse } from "node:http";

export declare const CLIENT_IP_HEADER: "x-haven-client-ip";
export declare const EDGE_SECRET_HEADER: "x-haven-edge";
export declare const EDGE_SECRET_ENV: "HAVEN_EDGE_SECRET";
export declare const UNKNOWN_ADDRESS: "unknown";
export declare function normalizeAddress(value: string | undefined | null): string | null;
export declare function deriveClientAddress(input: {
  socketAddress: string | undefined | null;
  forwardedFor: string | string[] | undefined;
  trustProxy: boolean;
}): string;
export declare function stampClientAddress(req: IncomingMessage, opts: { trustProxy: boolean; secret: string }): string;
export declare function newEdgeSecret(): string;
export declare function isEdgeSecret(given: string | null | undefined, expected: string | null | undefined): boolean;
export declare function createHavenServer(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  opts: { trustProxy: boolean; secret: string; onError?: (e: unknown) => void },
): Server;
export declare function parseTrustProxy(value: string | undefined): boolean;
