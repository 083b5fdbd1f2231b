import http from "node:http";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";

/**
 * A small local stand-in for UploadThing's ingest and file hosts (docs/decisions.md, Platform notes: UploadThing needs its servers):
 * checks the HMAC URL signature, keeps multipart PUT bodies, serves signed GETs at /f/:key, and
 * POST /v6/deleteFiles with the API key header. Only what lib/storage/uploadthing.ts uses.
 */
export async function startFakeUploadThing(apiKey: string) {
  const files = new Map<string, Buffer>();
  function signed(req: http.IncomingMessage): boolean {
    const url = new URL(req.url ?? "/", "http://fake");
    const sig = url.searchParams.get("signature");
    if (!sig?.startsWith("hmac-sha256=")) return false;
    url.searchParams.delete("signature");
    const full = `http://${req.headers.host}${url.pathname}${url.search}`;
    const expected = crypto.createHmac("sha256", apiKey).update(full).digest("hex");
    return sig.slice(12) === expected && Number(url.searchParams.get("expires")) > Date.now();
  }
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the client was cut off mid-upload: keep nothing
    }
    const body = Buffer.concat(chunks);
    if (req.method === "PUT") {
      if (!signed(req)) return void res.writeHead(403).end();
      const boundary = /boundary=(.+)$/.exec(req.headers["content-type"] ?? "")?.[1];
      if (!boundary) return void res.writeHead(400).end();
      const start = body.indexOf("\r\n\r\n") + 4;
      const end = body.lastIndexOf(Buffer.from(`\r\n--${boundary}--`));
      files.set(url.pathname.slice(1), body.subarray(start, end));
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ url: `/f${url.pathname}` }));
    }
    if (req.method === "GET" && url.pathname.startsWith("/f/")) {
      if (!signed(req)) return void res.writeHead(403).end();
      const f = files.get(url.pathname.slice(3));
      if (!f) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(f);
    }
    if (req.method === "POST" && url.pathname === "/v6/deleteFiles") {
      if (req.headers["x-uploadthing-api-key"] !== apiKey) return void res.writeHead(401).end();
      const { fileKeys } = JSON.parse(body.toString()) as { fileKeys: string[] };
      for (const k of fileKeys) files.delete(k);
      return void res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ success: true, deletedCount: fileKeys.length }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    files,
    token: Buffer.from(JSON.stringify({ apiKey, appId: "havenfake", regions: ["local"] })).toString("base64"),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
