import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { rssOfTree, startServer } from "./lib";

/**
 * docs/decisions.md, Quality targets: Bounded upload memory: a 1 GiB upload through the real route handler (streamed → checked → encrypted → staged → committed)
 * against the production build, measuring the server's peak memory growth (RSS of the server process tree,
 * sampled every 50 ms, above its level just before the upload) and MB/s, beside a raw disk write of the same
 * size in the same run. Targets: growth ≤ 64 MiB, throughput ≥ 50 % of the raw write.
 * BENCH_UPLOAD_MB changes the size (default 1024).
 */
const MiB = 1024 * 1024;

/** 1 MiB of pseudo-random bytes with no '<', so the markup check never trips by chance. */
function block(): Buffer {
  const b = Buffer.alloc(MiB);
  let x = 987654321;
  for (let i = 0; i < b.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const v = (x >> 16) & 0xff;
    b[i] = v === 0x3c ? 0x3d : v;
  }
  return b;
}

/** Signs a client in without a browser: a session row and the Auth.js cookie that points at it. */
async function prepare(dataDir: string): Promise<{ cookie: string }> {
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  const { db, closeDb } = await import("@/db");
  const { runMigrations } = await import("@/db/migrate");
  const { seedDemo, DEMO } = await import("@/lib/demo/seed");
  const schema = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");
  const { createSession, setActiveProfile } = await import("@/lib/auth/sessions");
  const { sha256Hex, authSecret } = await import("@/lib/core/crypto");
  const { encode } = await import("next-auth/jwt");
  await runMigrations();
  await seedDemo();
  await db.update(schema.practiceSettings).set({ uploadLimitMb: 4096 }).where(eq(schema.practiceSettings.id, 1));
  const [alex] = await db.select().from(schema.users).where(eq(schema.users.email, DEMO.alex));
  const sid = await createSession(alex.id, "link", { ip: null, userAgent: "bench" });
  await setActiveProfile(sha256Hex(sid), DEMO.profiles.alex);
  const name = "haven.session";
  const jwt = await encode({
    token: { sub: alex.id, sid, method: "link" },
    secret: authSecret(),
    salt: name,
    maxAge: 12 * 3600,
  });
  await closeDb();
  return { cookie: `${name}=${jwt}` };
}

function upload(
  url: string,
  cookie: string,
  totalBytes: number,
  data: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
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
          "x-file-name": "bench.pdf",
          "content-type": "application/octet-stream",
          "content-length": String(totalBytes),
        },
      },
      (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    const header = Buffer.from("%PDF-1.7\n");
    let sent = 0;
    const write = () => {
      while (sent < totalBytes) {
        let chunk = sent === 0 ? Buffer.concat([header, data.subarray(header.length)]) : data;
        if (sent + chunk.length > totalBytes) chunk = chunk.subarray(0, totalBytes - sent);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

async function rawWrite(dir: string, totalBytes: number, data: Buffer): Promise<number> {
  const file = path.join(dir, "raw-write.bin");
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    let written = 0;
    const write = () => {
      while (written < totalBytes) {
        const chunk = data.subarray(0, Math.min(data.length, totalBytes - written));
        written += chunk.length;
        if (!out.write(chunk)) return void out.once("drain", write);
      }
      out.end();
    };
    out.on("finish", resolve);
    out.on("error", reject);
    write();
  });
  const seconds = (performance.now() - started) / 1000;
  fs.rmSync(file, { force: true });
  return seconds;
}

export default async function uploadBench() {
  const mb = Number(process.env.BENCH_UPLOAD_MB ?? 1024);
  const total = mb * MiB;
  const data = block();
  let cookie = "";
  const server = await startServer(Number(process.env.BENCH_PORT ?? 3301), {}, async (dir) => {
    cookie = (await prepare(dir)).cookie;
  });
  try {
    // Warm up the route (first-request compilation, module loading), then let the heap settle.
    const warm = await upload(server.url, cookie, 4 * MiB, data);
    if (warm.status !== 201) throw new Error(`warm-up upload failed: ${warm.status} ${warm.body}`);
    await new Promise((r) => setTimeout(r, 1500));
    const baseline = rssOfTree(server.proc.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOfTree(server.proc.pid!))), 50);
    const t0 = performance.now();
    const res = await upload(server.url, cookie, total, data);
    const uploadSeconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${res.body}`);

    const rawSeconds = await rawWrite(server.dataDir, total, data);
    const upMBs = mb / uploadSeconds;
    const rawMBs = mb / rawSeconds;
    const growth = (peak - baseline) / MiB;
    console.log(
      `${mb} MiB upload through POST /api/files/upload (checked, AES-256-GCM, staged, committed) vs a raw disk write`,
    );
    console.table({
      upload: {
        "MB/s": +upMBs.toFixed(1),
        seconds: +uploadSeconds.toFixed(1),
        "server RSS before MiB": +(baseline / MiB).toFixed(0),
        "peak growth MiB": +growth.toFixed(1),
      },
      "raw disk write": { "MB/s": +rawMBs.toFixed(1), seconds: +rawSeconds.toFixed(1) },
    });
    const ratio = (upMBs / rawMBs) * 100;
    console.log(`memory growth ${growth.toFixed(1)} MiB (target ≤ 64): ${growth <= 64 ? "met" : "MISSED"}`);
    console.log(`throughput ${ratio.toFixed(0)} % of the raw write (target ≥ 50 %): ${ratio >= 50 ? "met" : "MISSED"}`);
  } finally {
    await server.stop();
  }
}
