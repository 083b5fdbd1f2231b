import "server-only";
import crypto from "node:crypto";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db";
import { documents, type Document } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import {
  assertClient,
  isStaff,
  type ClientPrincipal,
  type Principal,
  type StaffPrincipal,
  assertStaff,
} from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { decryptStream, IntegrityError } from "@/lib/storage/encryption";
import { storeFor } from "@/lib/storage";
import { ConflictError, NotFoundError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { findDocument } from "./queries";
import { canPreview, type PreviewType } from "./preview-types";

const SIGNATURES: Record<PreviewType, Buffer> = {
  "image/jpeg": Buffer.from([0xff, 0xd8, 0xff]),
  "image/png": Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
};

/**
 * Lets bytes through only when they start with the signature of the type the response declares; otherwise the
 * stream errors before a byte is sent, so a mislabelled object can never be shown inline.
 */
export function signatureStream(mime: PreviewType): Transform {
  const sig = SIGNATURES[mime];
  let head: Buffer | null = Buffer.alloc(0);
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (head === null) return cb(null, chunk);
      head = Buffer.concat([head, chunk]);
      if (head.length < sig.length) return cb();
      if (!head.subarray(0, sig.length).equals(sig)) return cb(new IntegrityError());
      const out = head;
      head = null;
      cb(null, out);
    },
    flush(cb: TransformCallback) {
      if (head !== null) return cb(new IntegrityError());
      cb();
    },
  });
}

/**
 * Passes bytes through while hashing them, always holding the most recent chunk back; at the end the SHA-256 is
 * compared with the recorded one and only then is the last chunk released. On a mismatch the stream errors, so
 * the response is cut short (below Content-Length) and the browser reports a failed download — it never
 * receives a complete file with wrong bytes. (GCM already refuses any tampered frame before its bytes leave.)
 */
export function verifyingStream(expectedHex: string): Transform {
  const hash = crypto.createHash("sha256");
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      cb(null, out ?? undefined);
    },
    flush(cb: TransformCallback) {
      const actual = hash.digest("hex");
      if (actual !== expectedHex) return cb(new IntegrityError());
      if (held) this.push(held);
      cb();
    },
  });
}

/**
 * Opens a document for download or (staff, images only) preview (docs/product.md, Documents): authorised in the
 * data layer, audited every time, and the first view recorded — a client's first download of a shared file
 * ("viewed"), staff's first open of a client upload (clears "new", and from then on the client can no longer
 * remove it). Returns the decrypted, hash-checked stream.
 */
export async function openDownload(
  p: Principal,
  id: string,
  purpose: "download" | "preview" = "download",
): Promise<{ doc: Document; stream: Readable }> {
  const doc = await findDocument(p, id);
  if (purpose === "preview" && (!isStaff(p) || !canPreview(doc.mimeType))) throw new NotFoundError();
  const raw = await storeFor(doc.storageBackend).get(doc.storageKey);
  try {
    await recordOpen(p, doc, purpose);
  } catch (e) {
    raw.destroy();
    throw e;
  }
  const plain = raw.pipe(decryptStream(doc.id));
  raw.on("error", (e) => plain.destroy(e));
  let out: Readable = plain;
  if (purpose === "preview") {
    const sig = plain.pipe(signatureStream(doc.mimeType as PreviewType));
    plain.on("error", (e) => sig.destroy(e));
    out = sig;
  }
  const checked = out.pipe(verifyingStream(doc.sha256));
  out.on("error", (e) => checked.destroy(e));
  return { doc, stream: checked };
}

/** Audits the open and records the first view, in one transaction. */
async function recordOpen(p: Principal, doc: Document, purpose: "download" | "preview"): Promise<void> {
  await db.transaction(async (tx) => {
    const at = now();
    if (!isStaff(p) && doc.direction === "shared") {
      await tx
        .update(documents)
        .set({ firstViewedAt: at, firstViewedById: p.userId })
        .where(and(eq(documents.id, doc.id), isNull(documents.firstViewedAt)));
    }
    if (isStaff(p) && doc.direction === "uploaded") {
      // Row-locked against a client's Remove at the same moment: whichever commits first wins, and a removed
      // upload is never served (docs/decisions.md, Files).
      const [still] = await tx
        .update(documents)
        .set({ reviewedAt: sql`coalesce(${documents.reviewedAt}, ${at.toISOString()}::timestamptz)` })
        .where(and(eq(documents.id, doc.id), isNull(documents.removedAt)))
        .returning({ id: documents.id });
      if (!still) throw new NotFoundError();
    }
    await audit(
      {
        action: purpose === "preview" ? "document.preview" : "document.download",
        actor: p,
        profileId: doc.profileId,
        targetType: "document",
        targetId: doc.id,
      },
      tx,
    );
  });
}

/** Staff preview of a JPEG or PNG upload: audited as a view, and counts as staff having opened it. */
export async function openPreview(p: StaffPrincipal, id: string) {
  assertStaff(p);
  return openDownload(p, id, "preview");
}

/**
 * A client removes an upload they made by mistake (docs/decisions.md, Files): only the person who uploaded it, and
 * only until staff have opened it. The row stays (removed, for the audit trail) and the encrypted object is
 * deleted; if deleting fails, the row's mark already keeps it from being listed or served, and the stray-data
 * sweep removes the object later.
 */
export async function removeUpload(p: ClientPrincipal, id: string): Promise<{ fileName: string }> {
  assertClient(p);
  const doc = await findDocument(p, id);
  if (doc.direction !== "uploaded") throw new NotFoundError();
  if (doc.uploadedById !== p.userId) throw new ConflictError("Only the person who uploaded this file can remove it.");
  await db.transaction(async (tx) => {
    const [removed] = await tx
      .update(documents)
      .set({ removedAt: now(), removedById: p.userId })
      .where(and(eq(documents.id, doc.id), isNull(documents.reviewedAt), isNull(documents.removedAt)))
      .returning({ id: documents.id });
    if (!removed)
      throw new ConflictError(
        "Your provider has already opened this file, so it can no longer be removed. Ask your provider if it should be deleted.",
      );
    await audit(
      { action: "document.remove", actor: p, profileId: doc.profileId, targetType: "document", targetId: doc.id },
      tx,
    );
  });
  await storeFor(doc.storageBackend)
    .delete(doc.storageKey)
    .catch((e) => log.error("could not delete a removed upload's object", e));
  return { fileName: doc.fileName };
}

/** A clinician withdraws a share: the client no longer sees it; the row and its history stay (the audit trail of what was shared must survive: docs/product.md, Audit). */
export async function withdrawDocument(p: StaffPrincipal, id: string): Promise<void> {
  assertStaff(p);
  if (!isStaff(p)) throw new NotFoundError();
  const doc = await findDocument(p, id);
  if (doc.direction !== "shared" || doc.withdrawnAt) return;
  await db.transaction(async (tx) => {
    await tx.update(documents).set({ withdrawnAt: now(), withdrawnById: p.userId }).where(eq(documents.id, doc.id));
    await audit(
      { action: "document.withdraw", actor: p, profileId: doc.profileId, targetType: "document", targetId: doc.id },
      tx,
    );
  });
}
