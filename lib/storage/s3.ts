import "server-only";
import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import type { ObjectStore } from "./types";

/**
 * S3-compatible object storage (STORAGE=s3; docs/decisions.md "S3-compatible storage"): AWS S3, MinIO, Ceph, Garage,
 * R2 … through the official AWS SDK. Like every store it only sees the encrypted bytes (lib/storage/encryption.ts).
 *
 * Memory is bounded in both directions: uploads go through lib-storage's multipart `Upload`, which holds at most
 * QUEUE parts of PART_BYTES in memory (objects smaller than one part are one PutObject); downloads hand back the
 * response body as a Node stream, read as the client reads.
 */
export type S3Settings = {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  prefix: string;
};

/**
 * 5 MiB parts (S3's minimum), one in flight while the next fills: about 15 MiB of buffers per upload (lib-storage
 * copies each part once), which keeps a 1 GiB upload under 64 MiB of growth (bench/storage.bench.ts; 8 MiB parts ×
 * 2 in flight measured ~90 MiB). 10 000 parts of 5 MiB allow objects up to ~48 GiB.
 */
export const PART_BYTES = 5 * 1024 * 1024;
const QUEUE = 1;

/** Keys we write are `prefix + object id`; anything else is refused so a stored key cannot address another path. */
const KEY = /^[A-Za-z0-9_.\-/]{1,900}$/;
function checkKey(key: string): string {
  if (!KEY.test(key) || key.split("/").some((p) => p === ".." || p === ".")) throw new Error("Invalid object key.");
  return key;
}

const clients = new Map<string, S3Client>();
function clientFor(s: S3Settings): S3Client {
  const cacheKey = JSON.stringify([s.endpoint, s.region, s.accessKeyId, s.secretAccessKey, s.forcePathStyle]);
  let c = clients.get(cacheKey);
  if (!c) {
    const config: S3ClientConfig = {
      region: s.region,
      endpoint: s.endpoint,
      forcePathStyle: s.forcePathStyle,
      // Checksums only where S3 requires them: the newer default (CRC32 trailers on every request) is not
      // understood by many S3-compatible servers. Integrity is already guaranteed above the store: every
      // encrypted frame carries a GCM tag (lib/storage/encryption.ts).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      ...(s.accessKeyId && s.secretAccessKey
        ? { credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey } }
        : {}),
    };
    c = new S3Client(config);
    clients.set(cacheKey, c);
  }
  return c;
}

export type S3Store = ObjectStore & { readonly bucket: string };

export function s3Store(s: S3Settings): S3Store {
  const client = clientFor(s);
  return {
    backend: "s3",
    bucket: s.bucket,
    async put(id, body) {
      const key = checkKey(`${s.prefix}${id}`);
      const upload = new Upload({
        client,
        params: { Bucket: s.bucket, Key: key, Body: body, ContentType: "application/octet-stream" },
        partSize: PART_BYTES,
        queueSize: QUEUE,
        // A failed or cut-off upload aborts its multipart upload: no parts are left behind.
        leavePartsOnError: false,
      });
      // A source that fails (the client went away, the server is shutting down) must fail the upload, not leave
      // it waiting for bytes that never come.
      const onError = () => void upload.abort().catch(() => {});
      body.once("error", onError);
      try {
        await upload.done();
      } finally {
        body.off("error", onError);
      }
      return key;
    },
    async get(key) {
      const res = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: checkKey(key) }));
      if (!(res.Body instanceof Readable)) throw new Error("S3 download returned no stream.");
      return res.Body;
    },
    async delete(key) {
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: checkKey(key) }));
    },
    async check() {
      await client.send(new HeadBucketCommand({ Bucket: s.bucket }));
    },
  };
}
