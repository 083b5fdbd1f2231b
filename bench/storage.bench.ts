import crypto from "node:crypto";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { startS3Server } from "@/lib/test/s3-server";

/**
 * `npm run bench storage` (docs/decisions.md "S3-compatible storage"): 1 GiB through the S3 store against a real S3
 * protocol server (s3rver, in its own process so only this process is measured): plaintext → AES-256-GCM frames →
 * multipart upload, then download → decrypt → SHA-256, compared with the SHA-256 of what was sent. Prints this
 * process's peak RSS growth (sampled every 50 ms) in each direction. Target: ≤ 64 MiB.
 * BENCH_STORAGE_MB changes the size (default 1024).
 */
const MiB = 1024 * 1024;

function rss(): number {
  return process.memoryUsage.rss();
}

export default async function storageBench() {
  const mb = Number(process.env.BENCH_STORAGE_MB ?? 1024);
  const s3 = await startS3Server("haven-bench");
  Object.assign(process.env, s3.env, {
    DATA_DIR: s3.directory,
    FILE_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  });
  const { storeFor } = await import("@/lib/storage");
  const { decryptStream, encryptStream, encryptedSize } = await import("@/lib/storage/encryption");
  const store = storeFor("s3");
  const block = crypto.randomBytes(MiB);
  try {
    // Warm up: client, connection, cipher.
    const warmId = crypto.randomUUID();
    await store.put(warmId, Readable.from([block]).pipe(encryptStream(warmId)), encryptedSize(MiB));
    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));

    const id = crypto.randomUUID();
    const sent = crypto.createHash("sha256");
    async function* plaintext() {
      for (let i = 0; i < mb; i++) {
        // A different last byte per MiB, so no two parts are equal.
        block[MiB - 1] = i & 0xff;
        sent.update(block);
        yield Buffer.from(block);
      }
    }
    const measure = async (what: () => Promise<void>) => {
      const base = rss();
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, rss())), 50);
      const t0 = performance.now();
      await what();
      clearInterval(sampler);
      peak = Math.max(peak, rss());
      return { seconds: (performance.now() - t0) / 1000, growth: (peak - base) / MiB, base: base / MiB };
    };

    let key = "";
    const up = await measure(async () => {
      key = await store.put(id, Readable.from(plaintext()).pipe(encryptStream(id)), encryptedSize(mb * MiB));
    });
    const got = crypto.createHash("sha256");
    const down = await measure(async () => {
      await pipeline(
        await store.get(key),
        decryptStream(id),
        new Writable({
          write(chunk: Buffer, _e, cb) {
            got.update(chunk);
            cb();
          },
        }),
      );
    });
    const same = sent.digest("hex") === got.digest("hex");
    console.log(
      `${mb} MiB through STORAGE=s3 (s3rver), encrypted client-side, multipart upload then streamed download`,
    );
    console.table({
      upload: {
        "MB/s": +(mb / up.seconds).toFixed(1),
        "RSS before MiB": +up.base.toFixed(0),
        "peak growth MiB": +up.growth.toFixed(1),
      },
      download: {
        "MB/s": +(mb / down.seconds).toFixed(1),
        "RSS before MiB": +down.base.toFixed(0),
        "peak growth MiB": +down.growth.toFixed(1),
      },
    });
    console.log(`downloaded bytes identical to the uploaded ones: ${same ? "yes" : "NO"}`);
    const worst = Math.max(up.growth, down.growth);
    console.log(`memory growth ${worst.toFixed(1)} MiB (target ≤ 64): ${worst <= 64 && same ? "met" : "MISSED"}`);
  } finally {
    await s3.stop();
  }
}
