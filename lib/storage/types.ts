import type { Readable } from "node:stream";

export type StorageBackend = "local" | "uploadthing" | "s3";

/**
 * Where encrypted objects live (docs/decisions.md, Code conventions: External services behind interfaces). Implementations store and return opaque bytes: encryption
 * happens above them (lib/storage/encryption.ts), so no backend ever sees plaintext.
 */
export type ObjectStore = {
  readonly backend: StorageBackend;
  /**
   * Stores the bytes for object `id`, streaming; `size` is known (the staged object's length). Returns the storage
   * key. A failed or cut-off `body` rejects and leaves nothing stored.
   */
  put(id: string, body: Readable, size: number): Promise<string>;
  /** A stream of the stored bytes; NotFound → an error. */
  get(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Readiness (/api/ready): resolves when the store can be reached with the configured credentials. */
  check(): Promise<void>;
};
