import "server-only";
import { once } from "node:events";
import { PassThrough, type Readable } from "node:stream";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/**
 * A zip written as a stream with fflate (docs/decisions.md, "A client's records export"): entries are added one
 * after another, each streamed in, and the archive's bytes come out of `stream` with back-pressure, so a profile
 * with hundreds of documents never sits in memory. PDFs and uploads are stored as they are (already compressed);
 * text (HTML, CSV) is deflated.
 */
export class ZipWriter {
  readonly stream = new PassThrough({ highWaterMark: 256 * 1024 });
  private readonly zip: Zip;
  private failed: Error | null = null;
  /** Bytes of the archive written so far (the zip's size once ended). */
  bytes = 0;

  constructor() {
    this.zip = new Zip((err, chunk, final) => {
      if (err) {
        this.failed = err;
        this.stream.destroy(err);
        return;
      }
      this.bytes += chunk.byteLength;
      this.stream.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (final) this.stream.end();
    });
  }

  private async drained(): Promise<void> {
    if (this.failed) throw this.failed;
    if (this.stream.writableNeedDrain) await once(this.stream, "drain");
  }

  /** Adds one entry from bytes or text. */
  async add(name: string, body: Buffer | string, opts: { compress?: boolean } = {}): Promise<void> {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    const entry = opts.compress ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
    this.zip.add(entry);
    entry.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), true);
    await this.drained();
  }

  /** Adds one entry from a stream, chunk by chunk. A failing source fails the entry (and the archive). */
  async addStream(name: string, source: Readable): Promise<void> {
    const entry = new ZipPassThrough(name);
    this.zip.add(entry);
    for await (const chunk of source) {
      const b = chunk as Buffer;
      entry.push(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      await this.drained();
    }
    entry.push(new Uint8Array(0), true);
    await this.drained();
  }

  end(): void {
    this.zip.end();
  }

  abort(err: Error): void {
    this.zip.terminate();
    this.stream.destroy(err);
  }
}
