import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { env } from "@/lib/core/env";
import { describeError, log } from "@/lib/core/log";
import { getStore, type ObjectStore } from "@/lib/storage";
import { filesRoot, localStore } from "@/lib/storage/local";
import { decryptStream, encryptedSize, encryptStream } from "@/lib/storage/encryption";
import type { PdfPractice } from "./parts";

/**
 * Frozen billing documents rendered once (docs/decisions.md "Frozen documents rendered once"). A statement or a
 * superbill never changes after it is created (its content is a snapshot), so its PDF is rendered on the first
 * download and kept, encrypted like every stored file (lib/storage/encryption.ts), in the file store; later
 * downloads decrypt it and render nothing. The object's key is derived from the document and the practice details
 * printed on it (name, address, phone, logo): a practice that changes them gets fresh PDFs, never a stale letterhead.
 * On the local disk they live apart from uploaded files (DATA_DIR/files/frozen), so the sweep of objects without a
 * document row (lib/documents/cleanup.ts) leaves them alone; with UploadThing they sit beside the uploads.
 * Invoices are frozen once sent (a draft changes freely and is rendered on each download).
 */
export type FrozenKind = "statements" | "superbills" | "invoices";

/**
 * `printed` is what the PDF shows that can still change after the document is frozen: an invoice's status, paid
 * amount and payments move on after it is sent, so they are part of its key, and a payment gives a fresh PDF
 * (rendered once again) rather than a stale balance. Statements and superbills pass nothing: their content is a
 * snapshot. The key is a hash: nothing printed, and no PHI, can be read from it.
 */
export function frozenPdfKey(kind: FrozenKind, id: string, practice: PdfPractice, printed?: unknown): string {
  const h = createHash("sha256")
    .update(
      JSON.stringify(
        printed === undefined ? ["billing-pdf", kind, id, practice] : ["billing-pdf", kind, id, practice, printed],
      ),
    )
    .digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function frozenStore(): ObjectStore {
  return env().UPLOADTHING_TOKEN ? getStore() : localStore(path.join(filesRoot(), "frozen"));
}

async function readStored(store: ObjectStore, key: string): Promise<Buffer | null> {
  let source: Readable;
  try {
    source = await store.get(key);
  } catch {
    return null; // not stored yet
  }
  const chunks: Buffer[] = [];
  try {
    await pipeline(
      source,
      decryptStream(key),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(chunk);
          done();
        },
      }),
    );
  } catch (e) {
    // Unreadable (a changed key, a damaged file): render it again rather than fail the download.
    log.warn("stored billing pdf unreadable; rendering again", { error: describeError(e) });
    return null;
  }
  return Buffer.concat(chunks);
}

/** The document's PDF: the stored one, or `render()`'s, which is then stored. `rendered` says which. */
export async function frozenPdf(
  kind: FrozenKind,
  id: string,
  practice: PdfPractice,
  render: () => Promise<Buffer>,
  printed?: unknown,
): Promise<{ bytes: Buffer; rendered: boolean }> {
  const key = frozenPdfKey(kind, id, practice, printed);
  const store = frozenStore();
  const stored = await readStored(store, key);
  if (stored) return { bytes: stored, rendered: false };
  const bytes = await render();
  try {
    await store.put(key, Readable.from([bytes]).pipe(encryptStream(key)), encryptedSize(bytes.length));
  } catch (e) {
    // Keeping it is an optimisation: the download still succeeds.
    log.warn("could not keep the billing pdf", { error: describeError(e) });
  }
  return { bytes, rendered: true };
}
