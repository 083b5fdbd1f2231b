import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { documents } from "@/db/schema";
import { DEMO } from "@/lib/demo/seed";
import { openDownload, receiveUpload } from "@/lib/documents";
import { principalFor } from "@/lib/test/auth-fixtures";
import { startFakeUploadThing } from "@/lib/test/fake-uploadthing";
import { startS3Server } from "@/lib/test/s3-server";
import { decryptStream, encryptStream, encryptedSize } from "./encryption";
import { getStore, storeFor } from "./index";
import { localStore } from "./local";
import type { ObjectStore } from "./types";

/**
 * One suite, every object store (docs/decisions.md "S3-compatible storage"): the local disk, UploadThing's local fake
 * and a real S3 protocol server (s3rver). Each store gets encrypted bytes and must give them back identical,
 * streaming, and must keep nothing of an upload whose source failed halfway.
 */
const MiB = 1024 * 1024;

async function readAll(s: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** `n` pseudo-random bytes. */
const bytes = (n: number) => crypto.randomBytes(n);

/** Encrypts `plain` for object `id` into a buffer (what staging would hold). */
async function sealed(id: string, plain: Buffer): Promise<Buffer> {
  return readAll(Readable.from([plain]).pipe(encryptStream(id)));
}

/** A source that yields `good` bytes and then fails, like a client cut off mid-upload. */
function failingSource(good: Buffer): Readable {
  return Readable.from(
    (async function* () {
      for (let off = 0; off < good.length; off += MiB) yield good.subarray(off, off + MiB);
      throw new Error("connection reset");
    })(),
  );
}

type Backend = { name: string; store: () => ObjectStore; keys: () => Promise<string[]>; stop: () => Promise<void> };

async function localBackend(): Promise<Backend> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "haven-store-"));
  const objects = path.join(root, "objects");
  return {
    name: "local disk",
    store: () => localStore(root),
    keys: async () =>
      fs.existsSync(objects)
        ? fs
            .readdirSync(objects, { recursive: true, withFileTypes: true })
            .filter((d) => d.isFile())
            .map((d) => d.name)
        : [],
    stop: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
}

async function uploadThingBackend(): Promise<Backend> {
  const fake = await startFakeUploadThing("sk_test_stores");
  return {
    name: "UploadThing (local fake)",
    store: () => {
      process.env.UPLOADTHING_TOKEN = fake.token;
      process.env.UPLOADTHING_INGEST_URL = fake.url;
      return storeFor("uploadthing");
    },
    keys: async () => [...fake.files.keys()],
    stop: async () => {
      delete process.env.UPLOADTHING_TOKEN;
      delete process.env.UPLOADTHING_INGEST_URL;
      await fake.close();
    },
  };
}

async function s3Backend(): Promise<Backend> {
  const s3 = await startS3Server("haven-stores");
  return {
    name: "S3 (s3rver)",
    store: () => {
      Object.assign(process.env, s3.env);
      return storeFor("s3");
    },
    keys: () => s3.objectKeys(),
    stop: async () => {
      for (const k of Object.keys(s3.env)) delete process.env[k];
      await s3.stop();
    },
  };
}

describe.each([
  ["local disk", localBackend],
  ["UploadThing (local fake)", uploadThingBackend],
  ["S3 (s3rver)", s3Backend],
])("object store: %s", (_name, make) => {
  let b: Backend;
  beforeAll(async () => {
    b = await make();
  });
  afterAll(async () => {
    await b.stop();
  });

  it("can be reached (readiness)", async () => {
    await expect(b.store().check()).resolves.toBeUndefined();
  });

  it("stores encrypted bytes and streams them back identical, larger than one S3 part", async () => {
    const id = crypto.randomUUID();
    const plain = bytes(18 * MiB + 12345);
    const enc = await sealed(id, plain);
    expect(enc.length).toBe(encryptedSize(plain.length));
    const store = b.store();
    const key = await store.put(id, Readable.from([enc]), enc.length);
    expect(await b.keys()).toContain(key.split("/").pop());
    const back = await readAll((await store.get(key)).pipe(decryptStream(id)));
    expect(back.equals(plain)).toBe(true);
  });

  it("stores a staged file (how every committed upload arrives) and gives it back identical", async () => {
    const id = crypto.randomUUID();
    const plain = bytes(6 * MiB + 7);
    const staged = path.join(os.tmpdir(), `haven-staged-${id}`);
    fs.writeFileSync(staged, await sealed(id, plain));
    try {
      const store = b.store();
      const key = await store.put(id, fs.createReadStream(staged), fs.statSync(staged).size);
      const back = await readAll((await store.get(key)).pipe(decryptStream(id)));
      expect(back.equals(plain)).toBe(true);
    } finally {
      fs.rmSync(staged, { force: true });
    }
  });

  it("refuses an unknown key and forgets a deleted object", async () => {
    const store = b.store();
    const id = crypto.randomUUID();
    const enc = await sealed(id, bytes(1000));
    const key = await store.put(id, Readable.from([enc]), enc.length);
    await store.delete(key);
    expect(await b.keys()).not.toContain(key.split("/").pop());
    await expect(store.get(key).then(readAll)).rejects.toThrow();
  });

  it("keeps nothing of an upload whose source fails halfway", async () => {
    const store = b.store();
    const before = await b.keys();
    const id = crypto.randomUUID();
    const enc = await sealed(id, bytes(20 * MiB));
    await expect(store.put(id, failingSource(enc.subarray(0, 17 * MiB)), enc.length)).rejects.toThrow();
    expect((await b.keys()).sort()).toEqual(before.sort());
  });
});

describe("STORAGE=s3 end to end: a client's upload is stored in the bucket and downloads identical", () => {
  let s3: Awaited<ReturnType<typeof startS3Server>>;
  beforeAll(async () => {
    s3 = await startS3Server("haven-docs");
    Object.assign(process.env, s3.env, { S3_PREFIX: "practice/" });
  });
  afterAll(async () => {
    for (const k of [...Object.keys(s3.env), "S3_PREFIX"]) delete process.env[k];
    await s3.stop();
  });

  it("uploads through the document flow, never sends plaintext, and reads back through the other user", async () => {
    expect(getStore().backend).toBe("s3");
    const jordan = await principalFor(DEMO.jordan, "test", DEMO.profiles.jordan);
    const ana = await principalFor(DEMO.ana, "test");
    const text = "S3-PLAINTEXT-MARKER ".repeat(50_000);
    const r = await receiveUpload(jordan, { body: Readable.from([Buffer.from(text)]), fileName: "Notes" });
    if (r.kind !== "document") throw new Error("expected a document");
    const [row] = await db.select().from(documents).where(eq(documents.id, r.id));
    expect(row.storageBackend).toBe("s3");
    expect(row.storageKey).toBe(`practice/${r.id}`);
    expect(await s3.objectKeys()).toEqual([`practice/${r.id}`]);
    const raw = await readAll(await storeFor("s3").get(row.storageKey));
    expect(raw.length).toBe(encryptedSize(Buffer.byteLength(text)));
    expect(raw.includes(Buffer.from("S3-PLAINTEXT-MARKER"))).toBe(false);
    const { stream } = await openDownload(ana, r.id);
    const out = fs.createWriteStream(path.join(os.tmpdir(), `haven-s3-${r.id}`));
    await pipeline(stream, out);
    expect(fs.readFileSync(out.path).toString()).toBe(text);
    fs.rmSync(out.path);
  });
});
