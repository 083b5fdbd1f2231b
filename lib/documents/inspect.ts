import { Transform, type TransformCallback } from "node:stream";
import crypto from "node:crypto";
import { fileTypeFromBuffer } from "file-type";
import { RefusedTypeError, TooLargeError } from "./errors";

/**
 * Checks an upload while it streams (docs/product.md, Documents: types recognised from the contents): counts bytes against the limit, hashes them, reads the type
 * from the bytes, and looks for web-page markup anywhere in the file (so an HTML file named .pdf, an SVG, or a
 * polyglot such as a PDF or JPEG carrying HTML is refused). Memory use is bounded: at most SNIFF bytes are held.
 */
export const ALLOWED = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG",
  "image/png": "PNG",
  "image/heic": "HEIC",
  "image/heif": "HEIC",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
} as const;
export const TEXT_MIME = "text/plain; charset=utf-8";
export const ACCEPT_LIST = "a PDF, JPEG, PNG, HEIC, Word (.docx) or plain-text file";
export const MSG_TYPE = `This type of file isn't accepted. Please upload ${ACCEPT_LIST}.`;
export const MSG_MARKUP = `This file contains web-page or SVG content, which isn't accepted for safety. Please upload ${ACCEPT_LIST}.`;
export const MSG_EMPTY = "This file is empty.";

const SNIFF = 256 * 1024;
const TAIL = 64;

/**
 * In binary formats only long, distinctive markers are searched, so compressed image data does not trip them by
 * chance; plain text is held to a stricter rule (no tag-like markup of any active kind).
 */
const BINARY_MARKERS = [
  "<html",
  "<script",
  "<!doctype html",
  "<iframe",
  "<svg ",
  "<svg>",
  "<svg\n",
  "<svg\r",
  "<svg\t",
  "<svg/",
  "<body",
  "<object",
  "<embed",
  "<meta http-equiv",
  "<?xml-stylesheet",
].map((m) => Buffer.from(m, "latin1"));
const LONGEST = Math.max(...BINARY_MARKERS.map((m) => m.length));

/** Whether a marker starts at `at` in `buf` (ASCII case-insensitive). */
function markerAt(buf: Buffer, at: number): boolean {
  outer: for (const m of BINARY_MARKERS) {
    if (at + m.length > buf.length) continue;
    for (let k = 1; k < m.length; k++) {
      let c = buf[at + k];
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      if (c !== m[k]) continue outer;
    }
    return true;
  }
  return false;
}

/** Scans for markers by jumping from '<' to '<' (Buffer.indexOf is native), so binary files scan fast. */
export function hasBinaryMarker(buf: Buffer): boolean {
  for (let i = buf.indexOf(0x3c); i !== -1; i = buf.indexOf(0x3c, i + 1)) if (markerAt(buf, i)) return true;
  return false;
}
const TEXT_MARKUP =
  /<\s*\/?\s*(?:!doctype|html|head|body|script|svg|iframe|img|object|embed|style|meta|link|a|div|span|form|input|math|base|xml|\?xml|frame|frameset|template|video|audio|image|foreignobject)[\s>/]/i;

export type Inspection = { mime: string; size: number; sha256: string };

export function inspector(limitBytes: number, limitMb: number): Transform & { result(): Inspection } {
  const hash = crypto.createHash("sha256");
  let size = 0;
  let sniffed: string | null | undefined; // undefined: not yet; null: text candidate
  let head: Buffer[] = [];
  let headLen = 0;
  let tail: Buffer = Buffer.alloc(0);
  let textDecoder: TextDecoder | null = null;
  let textTail = "";
  let final: Inspection | null = null;

  function scan(chunk: Buffer) {
    if (sniffed === null) {
      // Text: valid UTF-8, no NULs, no markup.
      if (chunk.includes(0)) throw new RefusedTypeError(MSG_TYPE);
      let s: string;
      try {
        s = textDecoder!.decode(chunk, { stream: true });
      } catch {
        throw new RefusedTypeError(MSG_TYPE);
      }
      const window = textTail + s;
      if (TEXT_MARKUP.test(window)) throw new RefusedTypeError(MSG_MARKUP);
      textTail = window.slice(-TAIL);
    }
    // A marker split across chunks: check the seam (the previous tail plus this chunk's first bytes).
    if (tail.length && hasBinaryMarker(Buffer.concat([tail, chunk.subarray(0, LONGEST)])))
      throw new RefusedTypeError(MSG_MARKUP);
    if (hasBinaryMarker(chunk)) throw new RefusedTypeError(MSG_MARKUP);
    tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - LONGEST + 1)));
  }

  async function decide(buf: Buffer): Promise<void> {
    const ft = await fileTypeFromBuffer(buf);
    if (ft) {
      if (!(ft.mime in ALLOWED)) throw new RefusedTypeError(/xml|svg|html/.test(ft.mime) ? MSG_MARKUP : MSG_TYPE);
      sniffed = ft.mime;
    } else {
      sniffed = null;
      textDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
    }
  }

  const t = new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      size += chunk.length;
      if (size > limitBytes) return cb(new TooLargeError(limitMb));
      hash.update(chunk);
      if (sniffed !== undefined) {
        try {
          scan(chunk);
        } catch (e) {
          return cb(e as Error);
        }
        return cb(null, chunk);
      }
      head.push(chunk);
      headLen += chunk.length;
      if (headLen < SNIFF) return cb();
      const buf = Buffer.concat(head, headLen);
      head = [];
      decide(buf)
        .then(() => {
          scan(buf);
          cb(null, buf);
        })
        .catch((e: Error) => cb(e));
    },
    flush(cb: TransformCallback) {
      const finish = () => {
        if (size === 0) throw new RefusedTypeError(MSG_EMPTY);
        if (sniffed === null) {
          try {
            textDecoder!.decode(); // a truncated multi-byte sequence at the end throws
          } catch {
            throw new RefusedTypeError(MSG_TYPE);
          }
        }
        final = { mime: sniffed ?? TEXT_MIME, size, sha256: hash.digest("hex") };
      };
      if (sniffed !== undefined || headLen === 0) {
        try {
          finish();
          return cb();
        } catch (e) {
          return cb(e as Error);
        }
      }
      const buf = Buffer.concat(head, headLen);
      head = [];
      decide(buf)
        .then(() => {
          scan(buf);
          this.push(buf);
          finish();
          cb();
        })
        .catch((e: Error) => cb(e));
    },
  });
  return Object.assign(t, {
    result(): Inspection {
      if (!final) throw new Error("inspection not finished");
      return final;
    },
  });
}
