import "server-only";
import crypto from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { env } from "@/lib/core/env";
import { readOrCreateKeyFile } from "@/lib/core/crypto";
import { log } from "@/lib/core/log";

/**
 * Files at rest: AES-256-GCM in independent frames so that memory stays bounded whatever the file size.
 *
 *   header  = "HVN1"                                   (4 bytes)
 *   frame_i = nonce (12, random) ‖ ciphertext (≤ 1 MiB) ‖ tag (16)
 *   AAD_i   = "HVN1" ‖ objectId ‖ uint64 i ‖ final-flag (1 byte)
 *
 * Binding the object id, the frame index and a final flag into each frame's AAD means a frame moved to another
 * file, reordered, dropped, duplicated, or a file cut short all fail authentication. Every frame but the last
 * holds exactly FRAME_PLAIN bytes; the last (possibly empty) one carries the final flag.
 * A frame's plaintext is released only after its tag verified, so a tampered object never yields wrong bytes.
 */
export const MAGIC = Buffer.from("HVN1");
// 1 MiB frames: small enough to bound memory, large enough that the per-frame cipher set-up (slow under
// OpenSSL 3) stays negligible — 64 KiB frames cost a third of the throughput in bench/upload.ts.
export const FRAME_PLAIN = 1024 * 1024;
const NONCE = 12;
const TAG = 16;
const FRAME_FULL = NONCE + FRAME_PLAIN + TAG;

export class IntegrityError extends Error {
  constructor(message = "The stored file failed its integrity check.") {
    super(message);
    this.name = "IntegrityError";
  }
}

// Keyed on what the key comes from, so a changed configuration (another FILE_ENCRYPTION_KEY or DATA_DIR) is
// picked up without a reset hook.
let keyCache: { source: string; key: Buffer } | undefined;
/** FILE_ENCRYPTION_KEY (base64, 32 bytes), or a key generated into DATA_DIR/keys on first run. */
export function fileKey(): Buffer {
  const configured = env().FILE_ENCRYPTION_KEY;
  const source = configured ? `key:${configured}` : `dir:${env().DATA_DIR}`;
  if (keyCache?.source === source) return keyCache.key;
  let b64: string;
  if (configured) b64 = configured;
  else {
    if (env().NODE_ENV === "production") {
      log.warn(
        "FILE_ENCRYPTION_KEY is not set: using a key generated into DATA_DIR/keys. Set it in production and back it up.",
      );
    }
    b64 = readOrCreateKeyFile("file-encryption-key", () => crypto.randomBytes(32).toString("base64"));
  }
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new Error("FILE_ENCRYPTION_KEY must be 32 bytes, base64-encoded.");
  keyCache = { source, key };
  return key;
}

function aad(objectId: string, index: number, final: boolean): Buffer {
  const b = Buffer.alloc(4 + objectId.length + 9);
  MAGIC.copy(b, 0);
  b.write(objectId, 4, "latin1");
  b.writeBigUInt64BE(BigInt(index), 4 + objectId.length);
  b[b.length - 1] = final ? 1 : 0;
  return b;
}

/** One frame as [nonce, ciphertext, tag], pushed as three buffers to save a copy. */
function sealFrame(key: Buffer, objectId: string, index: number, final: boolean, plain: Buffer): Buffer[] {
  const nonce = crypto.randomBytes(NONCE);
  const c = crypto.createCipheriv("aes-256-gcm", key, nonce);
  c.setAAD(aad(objectId, index, final));
  const body = c.update(plain);
  c.final();
  return [nonce, body, c.getAuthTag()];
}

function openFrame(key: Buffer, objectId: string, index: number, final: boolean, frame: Buffer): Buffer {
  if (frame.length < NONCE + TAG) throw new IntegrityError();
  const d = crypto.createDecipheriv("aes-256-gcm", key, frame.subarray(0, NONCE));
  d.setAAD(aad(objectId, index, final));
  d.setAuthTag(frame.subarray(frame.length - TAG));
  try {
    const out = d.update(frame.subarray(NONCE, frame.length - TAG));
    d.final();
    return out;
  } catch {
    throw new IntegrityError();
  }
}

/** Plaintext in → encrypted object out. Each input byte is copied once, into the frame being filled. */
export function encryptStream(objectId: string, key: Buffer = fileKey()): Transform {
  let cur = Buffer.allocUnsafe(FRAME_PLAIN);
  let fill = 0;
  let index = 0;
  let headerDone = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!headerDone) {
        this.push(MAGIC);
        headerDone = true;
      }
      let off = 0;
      while (off < chunk.length) {
        // A full frame is sealed only once more bytes arrive: the last frame must carry the final flag.
        if (fill === FRAME_PLAIN) {
          for (const part of sealFrame(key, objectId, index++, false, cur)) this.push(part);
          cur = Buffer.allocUnsafe(FRAME_PLAIN);
          fill = 0;
        }
        const n = chunk.copy(cur, fill, off, Math.min(chunk.length, off + FRAME_PLAIN - fill));
        fill += n;
        off += n;
      }
      cb();
    },
    flush(cb: TransformCallback) {
      if (!headerDone) this.push(MAGIC);
      for (const part of sealFrame(key, objectId, index++, true, cur.subarray(0, fill))) this.push(part);
      cb();
    },
  });
}

/** Encrypted object in → plaintext out; errors with IntegrityError on any tampering. */
export function decryptStream(objectId: string, key: Buffer = fileKey()): Transform {
  let buf: Buffer = Buffer.alloc(0);
  let index = 0;
  let headerChecked = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
      try {
        if (!headerChecked) {
          if (buf.length < MAGIC.length) return cb();
          if (!buf.subarray(0, MAGIC.length).equals(MAGIC)) throw new IntegrityError();
          buf = buf.subarray(MAGIC.length);
          headerChecked = true;
        }
        // Strictly more than a full frame buffered: the first full frame cannot be the last one.
        while (buf.length > FRAME_FULL) {
          this.push(openFrame(key, objectId, index++, false, buf.subarray(0, FRAME_FULL)));
          buf = buf.subarray(FRAME_FULL);
        }
        buf = Buffer.from(buf);
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (!headerChecked) throw new IntegrityError();
        this.push(openFrame(key, objectId, index++, true, buf));
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Size of the encrypted object for a plaintext of `n` bytes. */
export function encryptedSize(n: number): number {
  const frames = Math.floor(n / FRAME_PLAIN) + (n % FRAME_PLAIN === 0 && n > 0 ? 0 : 1);
  return MAGIC.length + frames * (NONCE + TAG) + n;
}
