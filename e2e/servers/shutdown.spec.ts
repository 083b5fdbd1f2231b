import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { basePort, logLines, prepareDatabase, requireBuild, startHaven } from "./servers";

/**
 * SIGTERM while a client uploads (docs/decisions.md "Running several servers, shutdown and readiness"): the server
 * exits within 10 s, the upload fails cleanly (the client sees its request fail, no document appears), nothing
 * half-stored remains in the data folder, and the next start on the same embedded database is clean.
 */
const MiB = 1024 * 1024;

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

/** A slow 512 MiB upload (about 20 MiB/s): still running when the signal comes. */
function slowUpload(url: string, cookie: string): Promise<string> {
  return new Promise((resolve) => {
    const total = 512 * MiB;
    const block = Buffer.alloc(MiB, 0x41);
    block.write("%PDF-1.7\n");
    const u = new URL("/api/files/upload", url);
    const req = http.request(
      {
        method: "POST",
        hostname: u.hostname,
        port: u.port,
        path: u.pathname,
        headers: {
          cookie,
          origin: url,
          "x-file-name": "Big%20scan",
          "content-type": "application/octet-stream",
          "content-length": String(total),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(`status ${res.statusCode}`));
        res.on("error", (e) => resolve(`failed: ${e.message}`));
      },
    );
    req.on("error", (e) => resolve(`failed: ${e.message}`));
    let sent = 0;
    const timer = setInterval(() => {
      if (sent >= total || req.destroyed) return clearInterval(timer);
      req.write(block);
      sent += MiB;
      if (sent >= total) req.end();
    }, 50);
  });
}

test("SIGTERM during an upload: exits within 10 s, the upload fails cleanly, nothing half-stored, clean restart", async () => {
  requireBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-shutdown-"));
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: "",
    SEED_DEMO: "off",
    EMAIL_DELIVERER: "on",
    SHUTDOWN_GRACE_MS: "3000",
  };
  try {
    const cookie = prepareDatabase(env);
    const port = basePort;
    const a = await startHaven(port, env);
    const files = path.join(dataDir, "files");
    const before = filesUnder(path.join(files, "objects"));

    const upload = slowUpload(a.url, cookie);
    // Wait until the upload is being staged, then signal.
    await expect.poll(() => filesUnder(path.join(files, "staging")).length, { timeout: 60_000 }).toBe(1);
    const stopped = await a.stop("SIGTERM");
    expect(stopped.ms).toBeLessThan(10_000);
    expect(stopped.code).toBe(0);

    // A clean failure for the client: its request fails, never a 201.
    expect(await upload).not.toBe("status 201");
    // Nothing half-stored: no staged part, no new object.
    expect(filesUnder(path.join(files, "staging"))).toEqual([]);
    expect(filesUnder(path.join(files, "objects"))).toEqual(before);

    const lines = logLines(a.log());
    expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ drained: false, cut: 1, app: "done" });
    expect(lines.some((l) => l.msg === "haven stopped")).toBe(true);
    // The cut upload is logged as such, under its request id.
    expect(lines.find((l) => l.msg === "request" && l.path === "/api/files/upload")).toMatchObject({ aborted: true });

    // The next start on the same folder is clean: ready, no document from the cut upload, no errors logged.
    const b = await startHaven(port, env);
    try {
      const ready = await fetch(`${b.url}/api/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: "ready",
        database: { kind: "pglite", state: "up" },
        storage: { backend: "local", state: "up" },
      });
      const list = await fetch(`${b.url}/portal/documents`, { headers: { cookie } });
      expect(list.status).toBe(200);
      expect(await list.text()).not.toContain("Big scan");
      expect(logLines(b.log()).filter((l) => l.level === "error")).toEqual([]);

      // Every request gets an id: in the response header, on the error page a practice can read out, in the log.
      const missing = await fetch(`${b.url}/no-such-page?token=SECRET`);
      expect(missing.status).toBe(404);
      const id = missing.headers.get("x-request-id")!;
      expect(id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(await missing.text()).toContain(id);
      await expect
        .poll(() => logLines(b.log()).find((l) => l.requestId === id))
        .toMatchObject({ msg: "request", method: "GET", path: "/no-such-page", status: 404 });
      expect(b.log()).not.toContain("SECRET");
    } finally {
      const second = await b.stop("SIGTERM");
      expect(second.code).toBe(0);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * A server whose embedded database stops under it (here its folder's lock is removed, as when another process took
 * the folder over after this one stalled) must not go on failing every request while it looks alive: it shuts down
 * as on SIGTERM and exits with status 1, so that a process manager starts it again; the next start is clean.
 */
test("the embedded database's lock lost: the server says why and exits 1; the next start is clean", async () => {
  requireBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-fatal-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "off", EMAIL_DELIVERER: "off" };
  try {
    const cookie = prepareDatabase(env);
    const a = await startHaven(basePort, env);
    expect((await fetch(`${a.url}/portal/documents`, { headers: { cookie } })).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => a.proc.once("exit", (code) => resolve(code)));

    fs.rmSync(path.join(dataDir, "pglite.lock"), { recursive: true });
    // The lock is checked every 5 s; the shutdown then drains within its grace.
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r("still running"), 30_000))]);
    expect(code).toBe(1);
    const lines = logLines(a.log());
    expect(lines.find((l) => l.msg === "cannot serve; the server stops")).toMatchObject({
      level: "error",
      reason: "embedded database folder's lock lost",
    });
    expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ app: "done" });

    const b = await startHaven(basePort, env);
    try {
      expect((await fetch(`${b.url}/api/ready`)).status).toBe(200);
      const page = await fetch(`${b.url}/portal/documents`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(logLines(b.log()).filter((l) => l.level === "error")).toEqual([]);
    } finally {
      expect((await b.stop("SIGTERM")).code).toBe(0);
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/**
 * A browser cuts requests off all the time (a prefetch no longer needed, a tab closed mid-load). A signed-in render
 * whose client went away must end, not wait until shutdown: after 20 such requests at once, cut at 20 to 120 ms,
 * the server has nothing in flight when it is stopped.
 */
test("signed-in requests cut off by the client mid-render all end: nothing is left in flight", async () => {
  requireBuild();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "haven-cut-"));
  const env = { DATA_DIR: dataDir, DATABASE_URL: "", SEED_DEMO: "off", EMAIL_DELIVERER: "off" };
  try {
    const cookie = prepareDatabase(env);
    const a = await startHaven(basePort, env);
    expect((await fetch(`${a.url}/portal`, { headers: { cookie } })).status).toBe(200);
    const u = new URL(a.url);
    const cutOff = (ms: number, pathname: string) =>
      new Promise<void>((resolve) => {
        const req = http.get({ hostname: u.hostname, port: u.port, path: pathname, headers: { cookie } }, (res) => {
          res.on("data", () => {});
          res.on("error", () => {});
        });
        req.on("error", () => resolve());
        setTimeout(() => {
          req.destroy();
          resolve();
        }, ms);
      });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => cutOff(20 + (i % 6) * 20, i % 2 ? "/portal" : "/portal/documents")),
    );
    // Every cut request is logged as such once it ended.
    await expect
      .poll(() => logLines(a.log()).filter((l) => l.msg === "request" && l.aborted === true).length)
      .toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 3_000));
    const stopped = await a.stop("SIGTERM");
    expect(stopped.code).toBe(0);
    const lines = logLines(a.log());
    expect(lines.find((l) => l.msg === "shutting down")).toMatchObject({ inFlight: 0 });
    expect(lines.find((l) => l.msg === "stopped")).toMatchObject({ drained: true, cut: 0 });
    expect(lines.filter((l) => l.level === "error")).toEqual([]);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
