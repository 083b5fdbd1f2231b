import type { IncomingMessage, Server, ServerResponse } from "node:http";

export declare const REQUEST_ID_HEADER: "x-request-id";
export declare const SHUTDOWN_HOOK: unique symbol;
export declare const FATAL_HOOK: unique symbol;
export declare function newRequestId(): string;
export declare function stampRequestId(req: IncomingMessage, res: ServerResponse): string;
export declare function loggablePath(url: string | undefined): string;
export declare function requestLogLine(r: {
  id: string;
  method: string | undefined;
  url: string | undefined;
  status: number;
  ms: number;
  completed: boolean;
}): string;
export type RequestTracker = {
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  inFlight: () => number;
  idle: (ms: number) => Promise<boolean>;
};
export declare function trackRequests(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  opts?: { log?: (line: string) => void },
): RequestTracker;
export declare function shutDown(
  server: Server,
  tracker: RequestTracker,
  opts: { graceMs: number; cleanupMs: number; appMs: number; appHook?: () => Promise<unknown> },
): Promise<{ drained: boolean; cut: number; app: string }>;
