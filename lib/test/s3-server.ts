import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

/**
 * Starts s3rver (a real S3 protocol server, npm `s3rver`) on a free port in a child process, with one bucket, for
 * the storage tests and the S3 benchmark. `env` is what the app needs to use it (STORAGE=s3, path-style).
 */
export async function startS3Server(bucket = "haven") {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "haven-s3rver-"));
  // Relative to the repository root, where vitest, the benches and Playwright all run.
  const proc = spawn(process.execPath, [path.resolve("lib/test/s3rver-child.cjs"), directory, bucket], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    proc.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const m = /"port":(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once("exit", (code) => reject(new Error(`s3rver exited (${code})`)));
  });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    bucket,
    directory,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    },
    /** Object keys currently in the bucket, through the S3 API. */
    async objectKeys(): Promise<string[]> {
      const client = new S3Client({
        endpoint,
        region: "us-east-1",
        forcePathStyle: true,
        credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      });
      const res = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      client.destroy();
      return (res.Contents ?? []).map((o) => o.Key!);
    },
    async stop() {
      if (proc.exitCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
