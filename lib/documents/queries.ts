import "server-only";
import { and, count, desc, eq, isNull, or } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { clientProfiles, documents, users, type Document } from "@/db/schema";
import { isStaff, type Principal, type StaffPrincipal, assertStaff } from "@/lib/core/principal";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { NotFoundError } from "@/lib/core/errors";
import { audit } from "@/lib/audit/write";

/**
 * Which documents a principal may see, as a where clause (docs/decisions.md, Code conventions: Data-layer authorisation): the profile must be in their
 * scope; clients do not see withdrawn shares. Used by every read, so lists and downloads agree.
 */
export function documentScope(p: Pick<Principal, "userId" | "role">) {
  const profileOk = inProfileScope(p, eq(clientProfiles.id, documents.profileId));
  if (isStaff(p)) return profileOk;
  return and(profileOk, or(eq(documents.direction, "uploaded"), isNull(documents.withdrawnAt)))!;
}

export type DocumentListItem = Pick<
  Document,
  | "id"
  | "fileName"
  | "mimeType"
  | "sizeBytes"
  | "direction"
  | "note"
  | "createdAt"
  | "firstViewedAt"
  | "reviewedAt"
  | "withdrawnAt"
> & {
  uploadedByName: string | null;
};

const listColumns = {
  id: documents.id,
  fileName: documents.fileName,
  mimeType: documents.mimeType,
  sizeBytes: documents.sizeBytes,
  direction: documents.direction,
  note: documents.note,
  createdAt: documents.createdAt,
  firstViewedAt: documents.firstViewedAt,
  reviewedAt: documents.reviewedAt,
  withdrawnAt: documents.withdrawnAt,
  uploadedByName: users.name,
};

/** All documents of one profile the principal may see, newest first, split by direction. */
export async function listProfileDocuments(
  p: Principal,
  profileId: string,
): Promise<{ shared: DocumentListItem[]; uploaded: DocumentListItem[] }> {
  await findProfile(p, profileId);
  const rows = await db
    .select(listColumns)
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .innerJoin(users, eq(users.id, documents.uploadedById))
    .where(and(eq(documents.profileId, profileId), documentScope(p)))
    .orderBy(desc(documents.createdAt));
  // Listing names is a read of PHI: audited (docs/product.md, Audit: every view of PHI).
  await audit({ action: "document.list", actor: p, profileId, targetType: "profile", targetId: profileId });
  return {
    shared: rows.filter((r) => r.direction === "shared"),
    uploaded: rows.filter((r) => r.direction === "uploaded"),
  };
}

/** One document the principal may see, or NotFoundError (outsiders cannot tell "not yours" from "no such file"). */
export async function findDocument(
  p: Pick<Principal, "userId" | "role">,
  id: string,
  on: DbOrTx = db,
): Promise<Document> {
  if (!isUuid(id)) throw new NotFoundError();
  const [row] = await on
    .select({ d: documents })
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .where(and(eq(documents.id, id), documentScope(p)))
    .limit(1);
  if (!row) throw new NotFoundError();
  return row.d;
}

/** For the dashboard to-do: client uploads the clinician (or, for an admin, anyone) has not opened yet. */
export async function newUploadsCount(p: StaffPrincipal): Promise<number> {
  assertStaff(p);
  const [row] = await db
    .select({ n: count() })
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .where(and(eq(documents.direction, "uploaded"), isNull(documents.reviewedAt), documentScope(p)));
  return Number(row?.n ?? 0);
}

/** The dashboard to-do source for new client uploads (shape of lib/dashboard/todos.ts `TodoSource`). */
export const newUploadsTodo = {
  key: "documents.new-uploads",
  label: "New documents uploaded by clients",
  href: "/dashboard/clients",
  count: (p: StaffPrincipal) => newUploadsCount(p),
};

/**
 * The files most recently shared with a profile, for the portal home (docs/decisions.md, Client home). Not audited
 * here: the home writes its own one view row with the ids it shows.
 */
export async function listRecentShared(p: Principal, profileId: string, limit: number): Promise<DocumentListItem[]> {
  await findProfile(p, profileId);
  return db
    .select(listColumns)
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .innerJoin(users, eq(users.id, documents.uploadedById))
    .where(and(eq(documents.profileId, profileId), eq(documents.direction, "shared"), documentScope(p)))
    .orderBy(desc(documents.createdAt))
    .limit(limit);
}
