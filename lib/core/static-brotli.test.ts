import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { acceptsBrotli, createBrotliStatic, precompressStatic } from "./static-brotli.mjs";

/**
 * server.mjs's brotli copies of the build output on a real socket, in front of a stub standing in for Next: what a
 * browser receives for a script, and that everything the copies do not cover still reaches Next.
 */
let dir: string;
let server: Server;
let port: number;
const script = `console.log(${JSON.stringify("a chunk of the build ".repeat(200))});\n`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-brotli-"));
  fs.mkdirSync(path.join(dir, "chunks"));
  fs.writeFileSync(path.join(dir, "chunks", "big.js"), script);
  fs.writeFileSync(path.join(dir, "chunks", "small.js"), "1;");
  fs.writeFileSync(path.join(dir, "media.woff2"), Buffer.alloc(4096, 1));
  fs.writeFileSync(path.join(os.tmpdir(), "outside.js.br"), "not served");
  const { files } = precompressStatic(dir);
  expect(files).toBe(1); // the small script and the font get no copy
  const brotli = createBrotliStatic(dir);
  server = createServer((req, res) => {
    if (!brotli(req, res)) res.end(`next:${req.url}`);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(path.join(os.tmpdir(), "outside.js.br"), { force: true });
});

function get(urlPath: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: urlPath, method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("brotli copies of the build output", () => {
  it("sends a browser that accepts brotli the smaller copy, which decodes to the script, cached for a year", async () => {
    const r = await get("/_next/static/chunks/big.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers["content-type"]).toBe("application/javascript; charset=UTF-8");
    expect(r.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(r.headers["vary"]).toBe("Accept-Encoding");
    expect(r.body.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(script);
  });

  it("answers a repeated request with the same ETag with 304 and no body", async () => {
    const first = await get("/_next/static/chunks/big.js", { "accept-encoding": "br" });
    const again = await get("/_next/static/chunks/big.js", {
      "accept-encoding": "br",
      "if-none-match": String(first.headers.etag),
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it("gives HEAD the headers without a body", async () => {
    const r = await get("/_next/static/chunks/big.js", { "accept-encoding": "br" }, "HEAD");
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(Number(r.headers["content-length"])).toBeGreaterThan(0);
    expect(r.body.length).toBe(0);
  });

  it("leaves to Next a browser without brotli, files without a copy, other paths and path tricks", async () => {
    const cases: [string, Record<string, string>][] = [
      ["/_next/static/chunks/big.js", { "accept-encoding": "gzip, deflate" }],
      ["/_next/static/chunks/big.js", { "accept-encoding": "gzip, br;q=0" }],
      ["/_next/static/chunks/big.js", {}],
      ["/_next/static/chunks/small.js", { "accept-encoding": "br" }],
      ["/_next/static/media.woff2", { "accept-encoding": "br" }],
      ["/_next/static/chunks/big.js.br", { "accept-encoding": "br" }],
      ["/_next/static/../outside.js", { "accept-encoding": "br" }],
      ["/_next/static/chunks/../../outside.js", { "accept-encoding": "br" }],
      ["/portal", { "accept-encoding": "br" }],
    ];
    for (const [urlPath, headers] of cases) {
      const r = await get(urlPath, headers);
      expect(r.headers["content-encoding"], urlPath).toBeUndefined();
      expect(r.body.toString(), urlPath).toBe(`next:${urlPath}`);
    }
  });

  it("reads Accept-Encoding's brotli token with its weight", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("BR;q=0.5")).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("*")).toBe(false);
    expect(acceptsBrotli("brotli")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
  });
});
