import "server-only";
import crypto from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { documents, profileAccess, users, type ClientProfile } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { isStaff, type Principal } from "@/lib/core/principal";
import { now } from "@/lib/core/clock";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import { getPracticeSettings } from "@/lib/practice/settings";
import { findProfile, requireActiveProfile } from "@/lib/profiles/access";
import { encryptStream } from "@/lib/storage/encryption";
import { commitStaged, discardStaged, hasStaged, openStagingWrite } from "@/lib/storage/staging";
import { maybeCleanupStrayData } from "./cleanup";
import { storeFor, type StorageBackend } from "@/lib/storage";
import { DatabaseError, ValidationError } from "@/lib/core/errors";
import { log } from "@/lib/core/log";
import { inspector } from "./inspect";
import { nameForType, sanitizeFileName } from "./names";
import { signStaged, verifyStaged, type StagedFile } from "./staged";
import { uploadNameSchema } from "./schemas";

export type UploadInput = {
  body: ReadableStream<Uint8Array> | Readable;
  fileName: string | null;
  /** Staff only: the profile the file is for. Clients upload to their active profile. */
  profileId?: string | null;
};

export type UploadResult =
  { kind: "document"; id: string; name: string } | { kind: "staged"; ticket: string; name: string };

/**
 * Receives one upload (docs/product.md, Documents), streaming: bytes → checks (size limit, type, markup, SHA-256) →
 * AES-256-GCM frames → a staging file. Nothing is kept when a check fails or the connection drops. A client's
 * upload then becomes a document at once; a clinician's becomes a signed ticket for `shareDocuments`.
 */
export async function receiveUpload(principal: Principal, input: UploadInput): Promise<UploadResult> {
  const web = input.body instanceof Readable ? null : input.body.getReader();
  let profile: ClientProfile;
  let given: string | null;
  try {
    profile = await targetProfile(principal, input.profileId);
    given = isStaff(principal) ? input.fileName : parseUploadName(input.fileName);
  } catch (e) {
    if (web) drainQuietly(web);
    else (input.body as Readable).resume();
    throw e;
  }
  const { uploadLimitMb } = await getPracticeSettings();
  const id = crypto.randomUUID();
  maybeCleanupStrayData();

  const check = inspector(uploadLimitMb * 1024 * 1024, uploadLimitMb);
  const source = web ? Readable.from(readChunks(web)) : (input.body as Readable);
  try {
    const out = await openStagingWrite(id);
    await pipeline(source, check, encryptStream(id), out);
  } catch (e) {
    source.destroy();
    if (web) drainQuietly(web);
    await discardStaged(id);
    throw e;
  }
  const facts = check.result();
  const name = nameForType(sanitizeFileName(given), facts.mime);

  if (isStaff(principal)) {
    const ticket = signStaged({
      id,
      name,
      mime: facts.mime,
      size: facts.size,
      sha256: facts.sha256,
      profileId: profile.id,
      userId: principal.userId,
    });
    return { kind: "staged", ticket, name };
  }
  await commitDocuments(
    principal,
    profile,
    [{ id, name, mime: facts.mime, size: facts.size, sha256: facts.sha256 }],
    "uploaded",
    null,
  );
  return { kind: "document", id, name };
}

/**
 * A client names each upload (docs/decisions.md, Files): the name they typed, checked with the same schema as the
 * form, so a refused name gets the form's message at the Name field. Staff uploads keep the file's own name.
 */
function parseUploadName(raw: string | null): string {
  const r = uploadNameSchema.safeParse(raw ?? "");
  if (r.success) return r.data;
  const message = r.error.issues[0]?.message ?? "Give the file a name.";
  throw new ValidationError(message, { name: [message] });
}

async function* readChunks(reader: ReadableStreamDefaultReader<Uint8Array>) {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
}

/**
 * After a refusal (413, 415) the rest of the request body is read and thrown away, up to a cap, rather than
 * cancelled: cancelling Next's request stream mid-upload raises an uncaught "ReadableStream is already closed"
 * in its body adapter, and a client still sending gets its error response cleanly this way.
 */
function drainQuietly(reader: ReadableStreamDefaultReader<Uint8Array>, capBytes = 64 * 1024 * 1024) {
  void (async () => {
    let n = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        n += value.byteLength;
        if (n > capBytes) return void (await reader.cancel());
      }
    } catch {
      // the client went away
    }
  })();
}

async function targetProfile(principal: Principal, profileId: string | null | undefined): Promise<ClientProfile> {
  if (isStaff(principal)) {
    if (!profileId) throw new ValidationError("Choose the client to share with.");
    return findProfile(principal, profileId);
  }
  return requireActiveProfile(principal);
}

type Ready = Pick<StagedFile, "id" | "name" | "mime" | "size" | "sha256">;

/**
 * Staged objects → stored objects → rows. The rows, their audit entries and the notification emails commit in one
 * transaction; if it fails the stored objects are deleted again, so no object outlives a failed commit.
 */
async function commitDocuments(
  principal: Principal,
  profile: ClientProfile,
  files: Ready[],
  direction: "shared" | "uploaded",
  note: string | null,
): Promise<string[]> {
  const stored: { id: string; backend: StorageBackend; key: string }[] = [];
  try {
    for (const f of files) stored.push({ id: f.id, ...(await commitStaged(f.id)) });
    await db.transaction(async (tx) => {
      const at = now();
      for (const f of files) {
        const s = stored.find((x) => x.id === f.id)!;
        await tx.insert(documents).values({
          id: f.id,
          profileId: profile.id,
          direction,
          fileName: f.name,
          mimeType: f.mime,
          sizeBytes: f.size,
          sha256: f.sha256,
          storageBackend: s.backend,
          storageKey: s.key,
          note,
          uploadedById: principal.userId,
          createdAt: at,
        });
        await audit(
          {
            action: direction === "shared" ? "document.share" : "document.upload",
            actor: principal,
            profileId: profile.id,
            targetType: "document",
            targetId: f.id,
            detail: { size: f.size, type: f.mime },
          },
          tx,
        );
      }
      // Emails carry no file names and no PHI (docs/product.md, Email).
      if (direction === "shared") {
        const recipients = await tx
          .select({ id: users.id, email: users.email })
          .from(profileAccess)
          .innerJoin(users, eq(users.id, profileAccess.userId))
          .where(and(eq(profileAccess.profileId, profile.id), eq(users.active, true)));
        for (const r of recipients)
          await enqueueEmail(tx, {
            to: r.email,
            userId: r.id,
            template: "document-shared",
            props: { url: appUrl("/portal/documents") },
          });
      } else {
        const [clinician] = await tx
          .select({ id: users.id, email: users.email, active: users.active })
          .from(users)
          .where(eq(users.id, profile.clinicianId));
        if (clinician?.active) {
          await enqueueEmail(tx, {
            to: clinician.email,
            userId: clinician.id,
            template: "client-uploaded",
            props: { url: appUrl(`/dashboard/clients/${profile.id}/documents`) },
          });
        }
      }
    });
  } catch (e) {
    for (const s of stored)
      await storeFor(s.backend)
        .delete(s.key)
        .catch((err) => log.error("could not delete an uncommitted object", err));
    for (const f of files) await discardStaged(f.id);
    // Two tabs sharing the same ticket at once: the second loses on the primary key.
    if (e instanceof DatabaseError && e.isUniqueViolation && e.table === "documents")
      throw new ValidationError("These files were already shared.", { files: ["These files were already shared."] });
    throw e;
  }
  return files.map((f) => f.id);
}

/** A clinician shares the files they just uploaded (tickets from `receiveUpload`) with one profile, with a note. */
export async function shareDocuments(
  principal: Principal,
  input: { profileId: string; tickets: string[]; note?: string | null },
): Promise<string[]> {
  const profile = await findProfile(principal, input.profileId);
  const files = input.tickets.map((t) => verifyStaged(t, { userId: principal.userId, profileId: profile.id }));
  if (files.length === 0)
    throw new ValidationError("Choose at least one file to share.", { files: ["Choose at least one file to share."] });
  if (files.some((f) => !f))
    throw new ValidationError("An upload expired. Please choose the files again.", {
      files: ["An upload expired. Please choose the files again."],
    });
  // A ticket stays valid for an hour, so a form sent twice (or a ticket listed twice) must be refused here, not
  // by the documents table's primary key or a missing staging file (both would be server errors).
  const ids = (files as StagedFile[]).map((f) => f.id);
  if (new Set(ids).size !== ids.length)
    throw new ValidationError("The same file is listed twice.", { files: ["The same file is listed twice."] });
  const shared = await db.select({ id: documents.id }).from(documents).where(inArray(documents.id, ids));
  if (shared.length)
    throw new ValidationError("These files were already shared.", {
      files: ["These files were already shared. Upload them again to share them once more."],
    });
  for (const id of ids) {
    if (!(await hasStaged(id)))
      throw new ValidationError("An upload expired. Please choose the files again.", {
        files: ["An upload expired. Please choose the files again."],
      });
  }
  const note = input.note?.trim() ? input.note.trim() : null;
  return commitDocuments(principal, profile, files as StagedFile[], "shared", note);
}
