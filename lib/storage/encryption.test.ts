import crypto from "node:crypto";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it, vi } from "vitest";
import { decryptStream, encryptStream, encryptedSize, fileKey, FRAME_PLAIN, IntegrityError, MAGIC } from "./encryption";

const key = crypto.randomBytes(32);
const id = "11111111-2222-4333-8444-555555555555";

async function run(input: Buffer, t: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // Feed in uneven pieces so frame boundaries never line up with chunk boundaries.
  const pieces: Buffer[] = [];
  for (let i = 0; i < input.length; i += 100_003) pieces.push(input.subarray(i, i + 100_003));
  for await (const c of Readable.from(pieces).pipe(t as never) as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}
const enc = (b: Buffer, objectId = id) => run(b, encryptStream(objectId, key));
const dec = (b: Buffer, objectId = id) => run(b, decryptStream(objectId, key));
const FRAME = 12 + FRAME_PLAIN + 16;

describe("chunked AES-256-GCM", () => {
  it("round-trips any size, and the stored size is predictable", async () => {
    for (const n of [0, 1, FRAME_PLAIN - 1, FRAME_PLAIN, FRAME_PLAIN + 1, 3 * FRAME_PLAIN + 5]) {
      const plain = crypto.randomBytes(n);
      const sealed = await enc(plain);
      expect(sealed.length, `size ${n}`).toBe(encryptedSize(n));
      expect((await dec(sealed)).equals(plain), `size ${n}`).toBe(true);
    }
  });

  it("detects a flipped bit, a swapped file id, reordered frames and a truncated file", async () => {
    const plain = crypto.randomBytes(2 * FRAME_PLAIN + 10);
    const sealed = await enc(plain);
    const flipped = Buffer.from(sealed);
    flipped[MAGIC.length + 100] ^= 1;
    await expect(dec(flipped)).rejects.toBeInstanceOf(IntegrityError);
    await expect(dec(sealed, "99999999-2222-4333-8444-555555555555")).rejects.toBeInstanceOf(IntegrityError);
    const f0 = sealed.subarray(MAGIC.length, MAGIC.length + FRAME);
    const f1 = sealed.subarray(MAGIC.length + FRAME, MAGIC.length + 2 * FRAME);
    const rest = sealed.subarray(MAGIC.length + 2 * FRAME);
    await expect(dec(Buffer.concat([MAGIC, f1, f0, rest]))).rejects.toBeInstanceOf(IntegrityError);
    // Cut at a frame boundary: the last remaining frame is not marked final.
    await expect(dec(Buffer.concat([MAGIC, f0, f1]))).rejects.toBeInstanceOf(IntegrityError);
    await expect(dec(sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe("the file key", () => {
  afterEach(() => vi.unstubAllEnvs());
  it("follows FILE_ENCRYPTION_KEY when it changes, and refuses a key of the wrong length", () => {
    const a = crypto.randomBytes(32);
    const b = crypto.randomBytes(32);
    vi.stubEnv("FILE_ENCRYPTION_KEY", a.toString("base64"));
    expect(fileKey().equals(a)).toBe(true);
    vi.stubEnv("FILE_ENCRYPTION_KEY", b.toString("base64"));
    expect(fileKey().equals(b)).toBe(true);
    vi.stubEnv("FILE_ENCRYPTION_KEY", crypto.randomBytes(16).toString("base64"));
    expect(() => fileKey()).toThrow(/32 bytes/);
  });
});
