import "server-only";
import { env } from "@/lib/core/env";
import { localStore } from "./local";
import { uploadThingStore } from "./uploadthing";
import type { ObjectStore } from "./types";

export type { ObjectStore } from "./types";

/** The configured store: UploadThing when UPLOADTHING_TOKEN is set, otherwise the local disk. */
export function getStore(): ObjectStore {
  const token = env().UPLOADTHING_TOKEN;
  if (token) return uploadThingStore(token, env().UPLOADTHING_INGEST_URL);
  return localStore();
}

/** The store a document was written to (a deployment may switch backends; old objects stay where they are). */
export function storeFor(backend: "local" | "uploadthing"): ObjectStore {
  if (backend === "local") return localStore();
  const token = env().UPLOADTHING_TOKEN;
  if (!token) throw new Error("This file is stored in UploadThing, but UPLOADTHING_TOKEN is not set.");
  return uploadThingStore(token, env().UPLOADTHING_INGEST_URL);
}
