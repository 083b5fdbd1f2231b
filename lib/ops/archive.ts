import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { decryptStream, encryptStream, IntegrityError } from "@/lib/storage/encryption";

/**
 * The backup archive (docs/decisions.md, "Backup and restore"): one file, encrypted as a whole with BACKUP_KEY.
 *
 *   file      = "HVNBAK1\n" ‖ archiveId (32 hex chars) ‖ encrypted(plain)
 *   encrypted = the framed AES-256-GCM of lib/storage/encryption.ts, with the archive id as its object id: a frame
 *               changed, moved, dropped or cut off fails authentication, so a tampered archive is refused.
 *   plain     = part* ‖ "E"
 *   part      = "P" ‖ uint16 nameLength ‖ name (utf-8) ‖ (uint32 length ‖ bytes)* ‖ uint32 0
 *
 * The last part is always `manifest.json`, listing every other part with its SHA-256 and length; a reader checks
 * each part against it, and that no part is missing or extra, before anything is restored.
 */
export const ARCHIVE_MAGIC = Buffer.from("HVNBAK1\n");
const ID_LENGTH = 32;
export const MANIFEST = "manifest.json";

export class ArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArchiveError";
  }
}

export type ManifestPart = { name: string; sha256: string; bytes: number };
export type Manifest = {
  format: 1;
  createdAt: string;
  /** The database it was taken from ("pglite" or "postgres"); a restore works into either. */
  database: string;
  /** The hash of the newest migration applied: a restore needs the same schema. */
  schema: string;
  /** Documents whose object was deleted after the snapshot (an upload removed during the backup): not restorable. */
  missing?: string[];
  parts: ManifestPart[];
};

export type Part = {
  name: string;
  body: AsyncIterable<Buffer | string> | Iterable<Buffer | string> | Buffer | string;
};

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** The plaintext stream of `parts`, closed by a manifest of their hashes. */
export function writeParts(parts: AsyncIterable<Part>, meta: Omit<Manifest, "parts" | "format">): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    const listed: ManifestPart[] = [];
    const emit = async function* (name: string, body: Part["body"], record: boolean) {
      const nameBytes = Buffer.from(name, "utf8");
      const head = Buffer.alloc(3);
      head.write("P", 0, "latin1");
      head.writeUInt16BE(nameBytes.length, 1);
      yield Buffer.concat([head, nameBytes]);
      const hash = crypto.createHash("sha256");
      let bytes = 0;
      const chunks = typeof body === "string" || Buffer.isBuffer(body) ? [body] : body;
      for await (const c of chunks) {
        const buf = typeof c === "string" ? Buffer.from(c, "utf8") : c;
        if (buf.length === 0) continue;
        hash.update(buf);
        bytes += buf.length;
        yield u32(buf.length);
        yield buf;
      }
      yield u32(0);
      if (record) listed.push({ name, sha256: hash.digest("hex"), bytes });
    };
    for await (const p of parts) {
      if (p.name === MANIFEST) throw new Error("A part may not be called manifest.json.");
      yield* emit(p.name, p.body, true);
    }
    const manifest: Manifest = { format: 1, ...meta, parts: listed };
    yield* emit(MANIFEST, JSON.stringify(manifest), false);
    yield Buffer.from("E", "latin1");
  }
  return Readable.from(generate());
}

/** Encrypts a plaintext part stream into the archive file at `file` (created new, mode 0600). */
export async function writeArchive(plain: Readable, file: string, key: Buffer): Promise<void> {
  const id = crypto.randomBytes(ID_LENGTH / 2).toString("hex");
  const out = fs.createWriteStream(file, { mode: 0o600, flags: "wx" });
  out.write(ARCHIVE_MAGIC);
  out.write(id, "latin1");
  await pipeline(plain, encryptStream(`backup:${id}`, key), out);
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buf: Buffer = Buffer.alloc(0);
  constructor(private readonly it: AsyncIterator<Buffer>) {}
  async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) {
      const r = await this.it.next();
      if (r.done) throw new ArchiveError("The archive is cut short.");
      this.buf = this.buf.length ? Buffer.concat([this.buf, r.value]) : r.value;
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
  async end(): Promise<boolean> {
    if (this.buf.length) return false;
    const r = await this.it.next();
    return Boolean(r.done);
  }
}

/** Opens an archive file and returns its decrypted plaintext stream; a wrong key or tampering errors while reading. */
async function openArchive(file: string, key: Buffer): Promise<Readable> {
  const fh = await fs.promises.open(file, "r");
  const head = Buffer.alloc(ARCHIVE_MAGIC.length + ID_LENGTH);
  try {
    const { bytesRead } = await fh.read(head, 0, head.length, 0);
    if (bytesRead !== head.length || !head.subarray(0, ARCHIVE_MAGIC.length).equals(ARCHIVE_MAGIC))
      throw new ArchiveError("This is not a Haven backup archive.");
  } finally {
    await fh.close();
  }
  const id = head.subarray(ARCHIVE_MAGIC.length).toString("latin1");
  if (!/^[0-9a-f]+$/.test(id)) throw new ArchiveError("This is not a Haven backup archive.");
  const source = fs.createReadStream(file, { start: head.length, highWaterMark: 1024 * 1024 });
  const plain = decryptStream(`backup:${id}`, key);
  source.on("error", (e) => plain.destroy(e));
  return source.pipe(plain);
}

export type PartVisitor = {
  start(name: string): Promise<void> | void;
  chunk(data: Buffer): Promise<void> | void;
  end(name: string): Promise<void> | void;
};

/** Streams every part of the archive through `visit`; IntegrityError becomes an ArchiveError. */
export async function readParts(file: string, key: Buffer, visit: PartVisitor): Promise<void> {
  const plain = await openArchive(file, key);
  const reader = new ByteReader(plain[Symbol.asyncIterator]());
  try {
    for (;;) {
      const tag = (await reader.read(1)).toString("latin1");
      if (tag === "E") break;
      if (tag !== "P") throw new ArchiveError("The archive is malformed.");
      const nameLength = (await reader.read(2)).readUInt16BE(0);
      const name = (await reader.read(nameLength)).toString("utf8");
      await visit.start(name);
      for (;;) {
        const n = (await reader.read(4)).readUInt32BE(0);
        if (n === 0) break;
        await visit.chunk(Buffer.from(await reader.read(n)));
      }
      await visit.end(name);
    }
    if (!(await reader.end())) throw new ArchiveError("The archive has data after its end.");
  } catch (e) {
    plain.destroy();
    if (e instanceof IntegrityError)
      throw new ArchiveError("The archive failed its integrity check: it was changed, cut short, or the key is wrong.");
    throw e;
  }
}

/**
 * First pass of a restore: decrypts the whole archive, hashes every part and checks them against the manifest.
 * Nothing is written anywhere; a changed archive is refused here.
 */
export async function verifyArchive(file: string, key: Buffer): Promise<Manifest> {
  const seen: ManifestPart[] = [];
  let manifestText = "";
  let current: { name: string; hash: crypto.Hash; bytes: number } | undefined;
  await readParts(file, key, {
    start(name) {
      current = { name, hash: crypto.createHash("sha256"), bytes: 0 };
    },
    chunk(data) {
      if (!current) return;
      if (current.name === MANIFEST) manifestText += data.toString("utf8");
      else {
        current.hash.update(data);
        current.bytes += data.length;
      }
    },
    end(name) {
      if (current && name !== MANIFEST) seen.push({ name, sha256: current.hash.digest("hex"), bytes: current.bytes });
      current = undefined;
    },
  });
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestText) as Manifest;
  } catch {
    throw new ArchiveError("The archive has no readable manifest.");
  }
  if (manifest.format !== 1 || !Array.isArray(manifest.parts)) throw new ArchiveError("Unknown archive format.");
  const listed = new Map(manifest.parts.map((p) => [p.name, p]));
  if (listed.size !== seen.length) throw new ArchiveError("The archive's parts do not match its manifest.");
  for (const p of seen) {
    const m = listed.get(p.name);
    if (!m || m.sha256 !== p.sha256 || m.bytes !== p.bytes)
      throw new ArchiveError(`The part ${p.name} does not match its SHA-256 in the manifest.`);
  }
  return manifest;
}

/** BACKUP_KEY: 32 bytes, base64. */
export function parseBackupKey(value: string | undefined): Buffer {
  if (!value)
    throw new ArchiveError(
      "BACKUP_KEY is not set. Create one with `openssl rand -base64 32`, keep it apart from the backups, and set it for backup and restore.",
    );
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new ArchiveError("BACKUP_KEY must be 32 bytes, base64-encoded.");
  return key;
}
