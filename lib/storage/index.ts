import "server-only";
import { env } from "@/lib/core/env";
import { localStore } from "./local";
import { s3Store } from "./s3";
import { uploadThingStore } from "./uploadthing";
import type { ObjectStore, StorageBackend } from "./types";

export type { ObjectStore, StorageBackend } from "./types";

/** STORAGE, or when unset: UploadThing when UPLOADTHING_TOKEN is set, otherwise the local disk. */
export function configuredBackend(): StorageBackend {
  const chosen = env().STORAGE;
  if (chosen) return chosen;
  return env().UPLOADTHING_TOKEN ? "uploadthing" : "local";
}

/** The configured store, where new files go. */
export function getStore(): ObjectStore {
  return storeFor(configuredBackend());
}

/** The store a document was written to (a deployment may switch backends; old objects stay where they are). */
export function storeFor(backend: StorageBackend): ObjectStore {
  if (backend === "local") return localStore();
  if (backend === "s3") {
    const e = env();
    if (!e.S3_BUCKET) throw new Error("This file is stored in S3, but S3_BUCKET is not set.");
    return s3Store({
      endpoint: e.S3_ENDPOINT,
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      accessKeyId: e.S3_ACCESS_KEY_ID,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      prefix: e.S3_PREFIX,
    });
  }
  const token = env().UPLOADTHING_TOKEN;
  if (!token) throw new Error("This file is stored in UploadThing, but UPLOADTHING_TOKEN is not set.");
  return uploadThingStore(token, env().UPLOADTHING_INGEST_URL);
}
