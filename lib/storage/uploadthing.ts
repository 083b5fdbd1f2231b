import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { UTApi } from "uploadthing/server";
import type { ObjectStore } from "./types";

/**
 * UploadThing as the object store (used when UPLOADTHING_TOKEN is set). Objects are encrypted before they leave
 * the server (lib/storage/encryption.ts), uploaded as private files, streamed, never buffered whole.
 *
 * Through the `uploadthing` SDK (UTApi) where it can do the job: uploads of a file on disk (every committed upload
 * comes from its staging file) as a file-backed Blob (`fs.openAsBlob`, read as it is sent), and deletes. A stream
 * that is not a file, and downloads, speak the v7 protocol directly (signed ingest PUT, signed private-file GET):
 * the SDK takes only Blobs, and its signed file URLs cannot point at a plain local host. UPLOADTHING_INGEST_URL
 * points every call at one host instead (a local fake server in tests: lib/test/fake-uploadthing.ts).
 */
type Token = { apiKey: string; appId: string; regions: string[]; ingestHost?: string };

export function parseUploadThingToken(token: string): Token {
  try {
    const t = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as Token;
    if (typeof t.apiKey !== "string" || typeof t.appId !== "string" || !Array.isArray(t.regions)) throw new Error();
    return t;
  } catch {
    throw new Error("UPLOADTHING_TOKEN is not a valid UploadThing token (base64 JSON with apiKey, appId, regions).");
  }
}

/** UploadThing's URL signature: HMAC-SHA256 of the whole URL with the API key. */
export function signUrl(url: URL, apiKey: string, ttlSeconds = 3600): string {
  url.searchParams.append("expires", String(Date.now() + ttlSeconds * 1000));
  const sig = crypto.createHmac("sha256", apiKey).update(url.toString()).digest("hex");
  url.searchParams.append("signature", `hmac-sha256=${sig}`);
  return url.href;
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
function newKey(): string {
  const bytes = crypto.randomBytes(48);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

export function uploadThingStore(tokenString: string, ingestOverride?: string): ObjectStore {
  const token = parseUploadThingToken(tokenString);
  const ingest = (
    ingestOverride ?? `https://${token.regions[0]}.${token.ingestHost ?? "ingest.uploadthing.com"}`
  ).replace(/\/$/, "");
  const fileUrl = (key: string) => (ingestOverride ? `${ingest}/f/${key}` : `https://${token.appId}.ufs.sh/f/${key}`);

  const sdk = new UTApi({
    token: tokenString,
    logLevel: "None",
    ...(ingestOverride ? { apiUrl: ingest, ingestUrl: ingest } : {}),
  });

  return {
    backend: "uploadthing",
    async put(id, body, size) {
      const file = body instanceof fs.ReadStream && typeof body.path === "string" ? body.path : null;
      if (file) {
        // The SDK reads the file itself; our stream is not needed.
        body.destroy();
        const blob = Object.assign(await fs.openAsBlob(file, { type: "application/octet-stream" }), {
          name: `${id}.bin`,
        });
        const res = await sdk.uploadFiles(blob, { acl: "private", contentDisposition: "attachment" });
        if (res.error || !res.data) throw new Error(`UploadThing upload failed (${res.error?.code ?? "no data"}).`);
        return res.data.key;
      }
      const key = newKey();
      const url = new URL(`${ingest}/${key}`);
      for (const [k, v] of Object.entries({
        "x-ut-identifier": token.appId,
        "x-ut-file-name": `${id}.bin`,
        "x-ut-file-size": String(size),
        "x-ut-file-type": "application/octet-stream",
        "x-ut-acl": "private",
        "x-ut-content-disposition": "attachment",
      })) {
        url.searchParams.append(k, v);
      }
      const signed = signUrl(url, token.apiKey);
      // multipart/form-data with one "file" part, streamed.
      const boundary = `----haven${crypto.randomBytes(12).toString("hex")}`;
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${id}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      async function* parts() {
        yield head;
        for await (const chunk of body) yield chunk as Buffer;
        yield tail;
      }
      const res = await fetch(signed, {
        method: "PUT",
        headers: {
          "content-type": `multipart/form-data; boundary=${boundary}`,
          "content-length": String(head.length + size + tail.length),
          "x-uploadthing-version": "7.7.4",
        },
        body: Readable.toWeb(Readable.from(parts())) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      if (!res.ok) throw new Error(`UploadThing upload failed (${res.status}).`);
      await res.body?.cancel();
      return key;
    },
    async get(key) {
      const res = await fetch(signUrl(new URL(fileUrl(key)), token.apiKey));
      if (!res.ok || !res.body) throw new Error(`UploadThing download failed (${res.status}).`);
      return Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
    },
    async delete(key) {
      const res = await sdk.deleteFiles(key);
      if (!res.success) throw new Error("UploadThing delete failed.");
    },
    async check() {
      // Only the token's shape: UploadThing has no cheap authenticated "ping" that every plan allows.
      parseUploadThingToken(tokenString);
    },
  };
}
