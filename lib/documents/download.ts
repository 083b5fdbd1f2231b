import "server-only";
import crypto from "node:crypto";
import { Transform, type Readable, type TransformCallback } from "node:stream";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db";
import { documents, type Document } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { isStaff, type Principal, type StaffPrincipal, assertStaff } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { decryptStream, IntegrityError } from "@/lib/storage/encryption";
import { storeFor } from "@/lib/storage";
import { NotFoundError } from "@/lib/core/errors";
import { findDocument } from "./queries";

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
 * Opens a document for download (docs/product.md, Documents): authorised in the data layer, audited every time, and the first
 * view recorded — a client's first download of a shared file ("viewed"), staff's first open of a client upload
 * (clears "new"). Returns the decrypted, hash-checked stream.
 */
export async function openDownload(p: Principal, id: string): Promise<{ doc: Document; stream: Readable }> {
  const doc = await findDocument(p, id);
  const raw = await storeFor(doc.storageBackend).get(doc.storageKey);
  await db.transaction(async (tx) => {
    const at = now();
    if (!isStaff(p) && doc.direction === "shared") {
      await tx
        .update(documents)
        .set({ firstViewedAt: at, firstViewedById: p.userId })
        .where(and(eq(documents.id, doc.id), isNull(documents.firstViewedAt)));
    }
    if (isStaff(p) && doc.direction === "uploaded") {
      await tx
        .update(documents)
        .set({ reviewedAt: at })
        .where(and(eq(documents.id, doc.id), isNull(documents.reviewedAt)));
    }
    await audit(
      { action: "document.download", actor: p, profileId: doc.profileId, targetType: "document", targetId: doc.id },
      tx,
    );
  });
  const plain = raw.pipe(decryptStream(doc.id));
  raw.on("error", (e) => plain.destroy(e));
  const checked = plain.pipe(verifyingStream(doc.sha256));
  plain.on("error", (e) => checked.destroy(e));
  return { doc, stream: checked };
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
