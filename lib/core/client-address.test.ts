import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import {
  createHavenServer,
  deriveClientAddress,
  EDGE_SECRET_ENV,
  newEdgeSecret,
  normalizeAddress,
} from "./client-address.mjs";
import { clientIpFrom, isLoopbackAddress } from "@/lib/core/http";

/**
 * The address derivation on real sockets: server.mjs's wrapper around a stub handler that reports what the app
 * would record (lib/core/http.ts clientIpFrom) and which address headers reached it.
 */
type Seen = { ip: string; xff: string | null; realIp: string | null };

const secret = newEdgeSecret();
const servers: Server[] = [];

async function start(trustProxy: boolean, host = "127.0.0.1"): Promise<string> {
  const server = createHavenServer(
    (req, res) => {
      const h = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") h.set(k, v);
      const seen: Seen = { ip: clientIpFrom(h), xff: h.get("x-forwarded-for"), realIp: h.get("x-real-ip") };
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(seen));
    },
    { trustProxy, secret },
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return `${host.includes(":") ? `[${host}]` : host}:${port}`;
}

function get(hostPort: string, headers: Record<string, string | string[]> = {}, localAddress?: string): Promise<Seen> {
  const [, host, port] = /^\[?(.+?)\]?:(\d+)$/.exec(hostPort)!;
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path: "/", headers, localAddress }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve(JSON.parse(body) as Seen));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(() => {
  process.env[EDGE_SECRET_ENV] = secret;
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});
afterAll(() => {
  delete process.env[EDGE_SECRET_ENV];
});

const forged = {
  "x-forwarded-for": "203.0.113.77",
  "x-real-ip": "203.0.113.78",
  forwarded: "for=203.0.113.79",
  "x-haven-client-ip": "203.0.113.80",
  "x-haven-edge": "guessed",
};

describe("without TRUST_PROXY the client address is the socket's peer", () => {
  it("ignores X-Forwarded-For, X-Real-IP and a forged internal header", async () => {
    const at = await start(false);
    expect(await get(at)).toEqual({ ip: "127.0.0.1", xff: "127.0.0.1", realIp: null });
    expect(await get(at, forged)).toEqual({ ip: "127.0.0.1", xff: "127.0.0.1", realIp: null });
    expect((await get(at, { "x-forwarded-for": ["203.0.113.77", "198.51.100.1"] })).ip).toBe("127.0.0.1");
  });

  it("tells one loopback address from another (127.0.0.0/8 is all this machine)", async () => {
    const at = await start(false, "0.0.0.0");
    const port = at.split(":").pop();
    expect((await get(`127.0.0.1:${port}`, {}, "127.0.0.2")).ip).toBe("127.0.0.2");
  });

  it("records a non-loopback client as that address, whatever Host says", async () => {
    const own = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal);
    if (!own) return; // a machine with only loopback has nothing to show here
    const at = await start(false, "0.0.0.0");
    const port = at.split(":").pop();
    const seen = await get(`${own.address}:${port}`, { host: "localhost", ...forged });
    expect(seen.ip).toBe(own.address);
    expect(isLoopbackAddress(seen.ip)).toBe(false);
  });
});

describe("with TRUST_PROXY the client address is the proxy's (right-most) X-Forwarded-For entry", () => {
  it("takes the entry the proxy appended, never one the client sent before it", async () => {
    const at = await start(true);
    // The client sent "203.0.113.77"; the proxy appended the address it saw, 198.51.100.9.
    expect(await get(at, { "x-forwarded-for": "203.0.113.77, 198.51.100.9", "x-real-ip": "203.0.113.78" })).toEqual({
      ip: "198.51.100.9",
      xff: "198.51.100.9",
      realIp: null,
    });
    expect((await get(at, { "x-forwarded-for": ["203.0.113.77", "198.51.100.9"] })).ip).toBe("198.51.100.9");
    expect((await get(at, { "x-forwarded-for": "198.51.100.9" })).ip).toBe("198.51.100.9");
  });

  it("falls back to the socket without X-Forwarded-For, and to unknown for garbage", async () => {
    const at = await start(true);
    expect((await get(at, { "x-real-ip": "203.0.113.78" })).ip).toBe("127.0.0.1");
    expect((await get(at, { "x-forwarded-for": "203.0.113.77, not-an-address" })).ip).toBe("unknown");
  });
});

describe("the app's side (lib/core/http.ts)", () => {
  it("records unknown without this process's secret (plain `next start`, or a client forging the headers)", () => {
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "203.0.113.77", "x-real-ip": "203.0.113.78" }))).toBe(
      "unknown",
    );
    expect(clientIpFrom(new Headers({ "x-haven-client-ip": "203.0.113.80", "x-haven-edge": "guessed" }))).toBe(
      "unknown",
    );
    expect(clientIpFrom(new Headers({ "x-haven-client-ip": "203.0.113.80", "x-haven-edge": secret }))).toBe(
      "203.0.113.80",
    );
    delete process.env[EDGE_SECRET_ENV];
    try {
      expect(clientIpFrom(new Headers({ "x-haven-client-ip": "203.0.113.80", "x-haven-edge": "" }))).toBe("unknown");
    } finally {
      process.env[EDGE_SECRET_ENV] = secret;
    }
  });

  it("knows loopback", () => {
    for (const a of ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"]) expect(isLoopbackAddress(a)).toBe(true);
    for (const a of ["192.0.2.2", "10.0.0.1", "::ffff:10.0.0.1", "fd00::2", "unknown", null, "localhost", "128.0.0.1"])
      expect(isLoopbackAddress(a)).toBe(false);
  });

  it("normalises addresses", () => {
    expect(normalizeAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(normalizeAddress("[2001:DB8::1]")).toBe("2001:db8::1");
    expect(normalizeAddress("192.0.2.1:8080")).toBeNull();
    expect(deriveClientAddress({ socketAddress: undefined, forwardedFor: undefined, trustProxy: false })).toBe(
      "unknown",
    );
  });
});
