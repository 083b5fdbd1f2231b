import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/core/env";
import type { ObjectStore } from "./types";

/** DATA_DIR/files: `objects/` holds committed objects, `staging/` uploads in flight (see staging.ts). */
export function filesRoot(): string {
  const dir = env().DATA_DIR === "memory://" ? ".data" : env().DATA_DIR;
  return path.resolve(dir, "files");
}

const KEY = /^[0-9a-f-]{36}$/;
/** Keys are ids we generate; anything else is refused so a key can never become a path. */
export function keyPath(dir: string, key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid object key.");
  return path.join(dir, key.slice(0, 2), key);
}

export type LocalStore = ObjectStore & {
  objectPath(key: string): string;
  adopt(key: string, stagedFile: string): Promise<string>;
};

/** The default store: encrypted objects on the local disk. */
export function localStore(root = filesRoot()): LocalStore {
  const objects = path.join(root, "objects");
  return {
    backend: "local",
    objectPath: (key) => keyPath(objects, key),
    async put(key, body) {
      const file = keyPath(objects, key);
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      const tmp = `${file}.part`;
      try {
        await pipeline(body, fs.createWriteStream(tmp, { mode: 0o600 }));
        await fsp.rename(tmp, file);
        return key;
      } catch (e) {
        await fsp.rm(tmp, { force: true });
        throw e;
      }
    },
    /** Moves a staged file in without copying (same disk). */
    async adopt(key, stagedFile) {
      const file = keyPath(objects, key);
      await fsp.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await fsp.rename(stagedFile, file);
      return key;
    },
    async get(key) {
      const file = keyPath(objects, key);
      await fsp.access(file);
      return fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    },
    async delete(key) {
      await fsp.rm(keyPath(objects, key), { force: true });
    },
    async check() {
      await fsp.mkdir(objects, { recursive: true, mode: 0o700 });
      await fsp.access(objects, fs.constants.W_OK);
    },
  };
}
