import http from "node:http";
import type { AddressInfo } from "node:net";

/** A small local stand-in for Resend's HTTP API (POST /emails), for testing the real SDK path offline. */
export async function startFakeResend() {
  const received: {
    to: string;
    subject: string;
    html: string;
    text: string;
    idempotencyKey: string | null;
    auth: string | null;
  }[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/emails") {
        res.writeHead(404).end();
        return;
      }
      if (status !== 200) {
        res
          .writeHead(status, { "content-type": "application/json" })
          .end(JSON.stringify({ name: "internal_server_error", message: "fake outage", statusCode: status }));
        return;
      }
      const json = JSON.parse(body) as { to: string | string[]; subject: string; html?: string; text?: string };
      received.push({
        to: Array.isArray(json.to) ? json.to[0] : json.to,
        subject: json.subject,
        html: json.html ?? "",
        text: json.text ?? "",
        idempotencyKey: (req.headers["idempotency-key"] as string | undefined) ?? null,
        auth: req.headers.authorization ?? null,
      });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ id: `fake_${received.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    setStatus: (s: number) => (status = s),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
