// `npm run backup -- <file>`: an encrypted archive of the whole practice, taken through the running server
// (docs/decisions.md, "Backup and restore"; docs/backup.md).
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { env } from "@/lib/core/env";
import { parseBackupKey, verifyArchive, writeArchive } from "@/lib/ops/archive";
import { backupToken } from "@/lib/ops/backup";

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("Usage: npm run backup -- <file>");
  const key = parseBackupKey(env().BACKUP_KEY);
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name.`);
  // The token comes from AUTH_SECRET (or DATA_DIR/keys/auth-secret): the same configuration as the server's.
  const keyFile = path.resolve(env().DATA_DIR, "keys", "auth-secret");
  if (!env().AUTH_SECRET && !fs.existsSync(keyFile))
    throw new Error("Neither AUTH_SECRET nor DATA_DIR/keys/auth-secret: run this with the server's configuration.");
  const url = new URL("/api/ops/backup", env().BACKUP_SERVER_URL);
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${backupToken()}` } });
  } catch {
    throw new Error(`No Haven server answers at ${url.origin}. Start it, or set BACKUP_SERVER_URL.`);
  }
  if (!res.ok || !res.body)
    throw new Error(
      `The server at ${url.origin} refused the backup (${res.status}). Run this on the server's machine, with its AUTH_SECRET or DATA_DIR.`,
    );
  try {
    await writeArchive(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), file, key);
    const manifest = await verifyArchive(file, key);
    const objects = manifest.parts.filter((p) => p.name.startsWith("objects/")).length;
    const tables = manifest.parts.filter((p) => p.name.startsWith("db/")).length;
    console.log(
      JSON.stringify({
        msg: "backup written",
        file,
        bytes: fs.statSync(file).size,
        tables,
        objects,
        at: manifest.createdAt,
      }),
    );
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
