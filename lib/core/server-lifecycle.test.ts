import { describe, expect, it } from "vitest";
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { shutDown, trackRequests } from "./server-lifecycle.mjs";

/**
 * server.mjs's request tracking and graceful shutdown on a real socket, around stub handlers: what a client and an
 * operator see (the X-Request-Id header, the log line, which requests finish when SIGTERM comes).
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => unknown;

async function start(handler: Handler) {
  const lines: string[] = [];
  const tracker = trackRequests(handler, { log: (l) => lines.push(l) });
  const server = createServer((req, res) => void tracker.handler(req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { server, tracker, port, lines };
}

function get(port: number, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; id: string | undefined; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, id: res.headers["x-request-id"] as string, body }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Until the server is handling `n` requests (a busy machine may take a while to accept and parse one). */
async function untilInFlight(tracker: { inFlight: () => number }, n: number) {
  for (let i = 0; i < 500 && tracker.inFlight() < n; i++) await wait(10);
  expect(tracker.inFlight()).toBe(n);
}

describe("request ids and the per-request log line", () => {
  it("gives each request a fresh id (never the client's), echoes it, and logs it without the query string", async () => {
    const { server, port, lines } = await start((req, res) => {
      res.end(String(req.headers["x-request-id"]));
    });
    const a = await get(port, "/api/auth/callback/resend?token=SECRET-TOKEN&email=a%40b.c", {
      "x-request-id": "client-chosen",
    });
    const b = await get(port, "/portal");
    server.close();
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(a.body).toBe(a.id);
    expect(b.id).not.toBe(a.id);
    await wait(20);
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged[0]).toMatchObject({
      msg: "request",
      requestId: a.id,
      method: "GET",
      path: "/api/auth/callback/resend",
    });
    expect(logged[0].status).toBe(200);
    expect(lines.join("\n")).not.toMatch(/SECRET-TOKEN|a%40b|client-chosen/);
  });
});

describe("graceful shutdown", () => {
  it("lets a short request finish, refuses new connections, then runs the app hook", async () => {
    const order: string[] = [];
    const { server, tracker, port } = await start(async (_req, res) => {
      await wait(500);
      order.push("request done");
      res.end("finished");
    });
    const inFlight = get(port, "/slow");
    await untilInFlight(tracker, 1);
    const stopped = shutDown(server, tracker, {
      graceMs: 2000,
      cleanupMs: 500,
      appMs: 1000,
      appHook: async () => void order.push("app closed"),
    });
    await wait(20);
    await expect(get(port, "/new")).rejects.toThrow();
    await expect(inFlight).resolves.toMatchObject({ status: 200, body: "finished" });
    await expect(stopped).resolves.toEqual({ drained: true, cut: 0, app: "done" });
    expect(order).toEqual(["request done", "app closed"]);
  });

  it("cuts a request that outlives the grace period, lets its handler clean up, and stays within the bound", async () => {
    const order: string[] = [];
    const { server, tracker, port } = await start(async (req, res) => {
      // Like an upload: reads until the client or the server ends the connection, then cleans up.
      await new Promise<void>((resolve) => req.socket.once("close", () => resolve()));
      order.push("handler cleaned up");
      res.end();
    });
    // The client's failure is caught at once: it happens while the shutdown below is awaited.
    const inFlight = get(port, "/upload").then(
      () => "completed",
      (e: Error) => `failed: ${e.message}`,
    );
    await untilInFlight(tracker, 1);
    const t0 = Date.now();
    const result = await shutDown(server, tracker, {
      graceMs: 300,
      cleanupMs: 1000,
      appMs: 1000,
      appHook: async () => void order.push("app closed"),
    });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(result).toEqual({ drained: false, cut: 1, app: "done" });
    expect(await inFlight).toMatch(/^failed: (socket hang up|read ECONNRESET)/);
    expect(order).toEqual(["handler cleaned up", "app closed"]);
  });
});
