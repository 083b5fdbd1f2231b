import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { filesRoot, keyPath, type LocalStore } from "./local";
import { getStore } from "./index";
import type { StorageBackend } from "./types";
import { HOUR } from "@/lib/core/clock";

/**
 * Uploads are written (already encrypted) to a staging file first. Only when the upload finished and passed
 * every check is it committed to the store and its database row created; a cut-off upload deletes its staging
 * file at once, and `sweepStaging` removes any left by a crash (docs/decisions.md, Quality targets: No orphaned data).
 */
export function stagingDir(): string {
  return path.join(filesRoot(), "staging");
}

export function stagingPath(id: string): string {
  return keyPath(stagingDir(), id);
}

export async function openStagingWrite(id: string): Promise<fs.WriteStream> {
  const file = stagingPath(id);
  await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return fs.createWriteStream(file, { mode: 0o600, flags: "wx" });
}

export async function discardStaged(id: string): Promise<void> {
  await fsp.rm(stagingPath(id), { force: true });
}

/** Whether a staged object is still waiting to be committed (it is gone once shared, discarded or swept). */
export async function hasStaged(id: string): Promise<boolean> {
  return fsp.stat(stagingPath(id)).then(
    (st) => st.isFile(),
    () => false,
  );
}

/** Moves a staged object into the configured store. Returns where it went and its storage key. */
export async function commitStaged(id: string): Promise<{ backend: StorageBackend; key: string }> {
  const store = getStore();
  const file = stagingPath(id);
  if (store.backend === "local") {
    // Same disk: a rename, no copy.
    const key = await (store as LocalStore).adopt(id, file);
    return { backend: "local", key };
  }
  const { size } = await fsp.stat(file);
  const key = await store.put(id, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), size);
  await fsp.rm(file, { force: true });
  return { backend: store.backend, key };
}

/** Staged uploads older than this are abandoned (a staged share token lives 1 hour). */
export const STAGING_MAX_AGE_MS = 2 * HOUR;

/** Removes staging files older than `olderThanMs` (0 = all). Returns how many were removed. */
export async function sweepStaging(olderThanMs = STAGING_MAX_AGE_MS, nowMs = Date.now()): Promise<number> {
  const root = stagingDir();
  let removed = 0;
  let subdirs: string[];
  try {
    subdirs = await fsp.readdir(root);
  } catch {
    return 0;
  }
  for (const sub of subdirs) {
    const dir = path.join(root, sub);
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        const st = await fsp.stat(file);
        if (nowMs - st.mtimeMs >= olderThanMs) {
          await fsp.rm(file, { force: true });
          removed++;
        }
      } catch {
        // Gone already (committed or removed meanwhile).
      }
    }
  }
  return removed;
}
