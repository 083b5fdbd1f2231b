import type { Readable } from "node:stream";

/**
 * Where encrypted objects live (docs/decisions.md, Code conventions: External services behind interfaces). Implementations store and return opaque bytes: encryption
 * happens above them (lib/storage/encryption.ts), so no backend ever sees plaintext. Add S3 by implementing this.
 */
export type ObjectStore = {
  readonly backend: "local" | "uploadthing";
  /** Stores the bytes for object `id`, streaming; `size` is known (the staged object's length). Returns the storage key. */
  put(id: string, body: Readable, size: number): Promise<string>;
  /** A stream of the stored bytes; NotFound → an error. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
};
