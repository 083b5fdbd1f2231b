// `npm run restore -- <file>`: restores a backup archive into an empty data folder or an empty PostgreSQL database,
// with the server stopped (docs/decisions.md, "Backup and restore"; docs/backup.md).
import fs from "node:fs";
import path from "node:path";
import { closeDb, dbKind, getDb, pgliteDir } from "@/db";
import { runMigrations } from "@/db/migrate";
import { env } from "@/lib/core/env";
import { audit } from "@/lib/audit/write";
import { getStore } from "@/lib/storage";
import { filesRoot } from "@/lib/storage/local";
import { parseBackupKey, ArchiveError } from "@/lib/ops/archive";
import { restoreArchive, type RestoredKeys } from "@/lib/ops/restore";

function hasEntries(dir: string): boolean {
  try {
    return fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/** A key the archive carries: used when configuration names none, refused when configuration names another. */
function placeKey(name: string, fromArchive: string, configured: string | undefined, variable: string) {
  if (configured) {
    if (configured !== fromArchive)
      throw new ArchiveError(
        `${variable} is set to another value than the archive's: the restored data could not be read with it. Unset it (the archive's key is then written to DATA_DIR/keys) or set the practice's original value.`,
      );
    return;
  }
  const dir = path.resolve(env().DATA_DIR, "keys");
  const file = path.join(dir, name);
  if (fs.existsSync(file)) {
    if (fs.readFileSync(file, "utf8").trim() !== fromArchive)
      throw new ArchiveError(`DATA_DIR/keys/${name} already holds another key: restore into an empty data folder.`);
    return;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, fromArchive, { mode: 0o600, flag: "wx" });
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("Usage: npm run restore -- <file>");
  const key = parseBackupKey(env().BACKUP_KEY);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist.`);
  if (!env().DATABASE_URL && hasEntries(pgliteDir()))
    throw new ArchiveError(`${pgliteDir()} is not empty: restore into an empty data folder (and stop the server).`);
  const store = getStore();
  if (store.backend === "local" && hasEntries(path.join(filesRoot(), "objects")))
    throw new ArchiveError(`${path.join(filesRoot(), "objects")} is not empty: restore into an empty data folder.`);
  await runMigrations();
  const summary = await restoreArchive({
    file,
    key,
    db: getDb(),
    store,
    useKeys: (k: RestoredKeys) => {
      placeKey("file-encryption-key", k.fileEncryptionKey, env().FILE_ENCRYPTION_KEY, "FILE_ENCRYPTION_KEY");
      placeKey("auth-secret", k.authSecret, env().AUTH_SECRET, "AUTH_SECRET");
    },
  });
  await audit({
    action: "ops.restored",
    actorRole: "system",
    ip: null,
    detail: { backupCreatedAt: summary.createdAt, rows: summary.rows, objects: summary.objects },
  });
  console.log(JSON.stringify({ msg: "restored", database: dbKind(), ...summary }));
  await closeDb();
}

main().catch(async (e) => {
  console.error(e instanceof Error ? e.message : e);
  await closeDb().catch(() => {});
  process.exit(1);
});
