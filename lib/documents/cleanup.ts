import "server-only";
import fsp from "node:fs/promises";
import path from "node:path";
import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import { db } from "@/db";
import { documents, recordsExports } from "@/db/schema";
import { filesRoot } from "@/lib/storage/local";
import { STAGING_MAX_AGE_MS, sweepStaging } from "@/lib/storage/staging";
import { log } from "@/lib/core/log";

/**
 * Removes stray data (docs/decisions.md, Quality targets: No orphaned data): staging files of uploads that never finished or were
 * never shared, and local objects with no document row — left only if the process died between moving an
 * object into the store and committing its row. Only data older than `olderThanMs` is touched, so uploads in
 * flight are safe. Returns how many files were removed.
 */
export async function cleanupStrayData(olderThanMs = STAGING_MAX_AGE_MS, nowMs = Date.now()): Promise<number> {
  let removed = await sweepStaging(olderThanMs, nowMs);
  const root = path.join(filesRoot(), "objects");
  let subdirs: string[] = [];
  try {
    subdirs = await fsp.readdir(root);
  } catch {
    return removed;
  }
  for (const sub of subdirs) {
    const dir = path.join(root, sub);
    const old: { file: string; key: string }[] = [];
    for (const name of await fsp.readdir(dir).catch(() => [] as string[])) {
      const file = path.join(dir, name);
      const st = await fsp.stat(file).catch(() => null);
      if (st && nowMs - st.mtimeMs >= olderThanMs) old.push({ file, key: name.replace(/\.part$/, "") });
    }
    if (!old.length) continue;
    const kept = await db
      .select({ key: documents.storageKey })
      .from(documents)
      .where(
        and(
          eq(documents.storageBackend, "local"),
          // A removed upload's object is not kept even if deleting it at removal failed (docs/decisions.md, Files).
          isNull(documents.removedAt),
          inArray(
            documents.storageKey,
            old.map((o) => o.key),
          ),
        ),
      );
    // A records export's zip is kept until it expires (docs/decisions.md, "A client's records export").
    const exports = await db
      .select({ key: recordsExports.storageKey })
      .from(recordsExports)
      .where(
        and(
          eq(recordsExports.storageBackend, "local"),
          gt(recordsExports.expiresAt, new Date(nowMs)),
          inArray(
            recordsExports.storageKey,
            old.map((o) => o.key),
          ),
        ),
      );
    const keep = new Set([...kept, ...exports].map((k) => k.key));
    for (const o of old) {
      if (keep.has(o.key) && !o.file.endsWith(".part")) continue;
      await fsp.rm(o.file, { force: true });
      removed++;
    }
  }
  if (removed) log.info("removed stray upload data", { files: removed });
  return removed;
}

let last = 0;
/** At most every 10 minutes per process; called when an upload starts. */
export function maybeCleanupStrayData() {
  if (Date.now() - last < 10 * 60_000) return;
  last = Date.now();
  void cleanupStrayData().catch((e) => log.error("stray data cleanup failed", e));
}
