import "server-only";
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import { db, type DbOrTx } from "@/db";
import { jsonList, type ListQuery } from "@/db/json-list";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { clientProfiles, documents, users, type Document } from "@/db/schema";
import { isStaff, type Principal, type StaffPrincipal, assertStaff } from "@/lib/core/principal";
import { findProfile, inProfileScope } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { NotFoundError } from "@/lib/core/errors";
import { audit } from "@/lib/audit/write";
import { canPreview } from "./preview-types";
import { cursorKey, keysetPage, type KeysetPage, type PageRequest } from "@/lib/core/keyset";

/**
 * Which documents a principal may see, as a where clause (docs/decisions.md, Code conventions: Data-layer authorisation): the profile must be in their
 * scope; clients do not see withdrawn shares. Used by every read, so lists and downloads agree.
 */
export function documentScope(p: Pick<Principal, "userId" | "role">) {
  // A removed upload is gone for everyone (docs/decisions.md, Files); only the audit log remembers it.
  const profileOk = inProfileScope(p, eq(clientProfiles.id, documents.profileId), isNull(documents.removedAt));
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
  | "uploadedById"
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
  uploadedById: documents.uploadedById,
  uploadedByName: users.name,
};

/** Documents per page of each list on the documents pages (staff and portal). */
export const DOCUMENT_PAGE_SIZE = 25;

/**
 * One page of each of a profile's two document lists (shared with the client, uploaded by the client), newest
 * first, by keyset on (created_at, id) (lib/core/keyset.ts; index documents_profile_direction_idx). The scope is in
 * the query (documentScope), so a cursor from another profile's list positions nothing but this one's rows. One
 * audit row per view, as before.
 */
export async function pageProfileDocuments(
  p: Principal,
  profileId: string,
  pages: { shared: PageRequest; uploaded: PageRequest },
): Promise<{ shared: KeysetPage<DocumentListItem>; uploaded: KeysetPage<DocumentListItem> }> {
  await findProfile(p, profileId);
  const one = (direction: "shared" | "uploaded") =>
    keysetPage(
      { sort: documents.createdAt, id: documents.id, idType: "uuid" },
      pages[direction],
      DOCUMENT_PAGE_SIZE,
      (k, order, limit) =>
        db
          .select({ ...listColumns, cursorKey: cursorKey(documents.createdAt) })
          .from(documents)
          .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
          .innerJoin(users, eq(users.id, documents.uploadedById))
          .where(and(eq(documents.profileId, profileId), eq(documents.direction, direction), documentScope(p), k))
          .orderBy(...order)
          .limit(limit),
    );
  const [shared, uploaded] = await Promise.all([one("shared"), one("uploaded")]);
  // Listing names is a read of PHI: audited (docs/product.md, Audit: every view of PHI).
  await audit({ action: "document.list", actor: p, profileId, targetType: "profile", targetId: profileId });
  return { shared, uploaded };
}

/** All documents of one profile the principal may see, newest first, split by direction (the records export). */
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

/** Client uploads the clinician (or, for an admin, anyone) has not opened yet, as a where clause. */
function newUploadsWhere(p: StaffPrincipal) {
  return and(eq(documents.direction, "uploaded"), isNull(documents.reviewedAt), documentScope(p));
}

/** How many new uploads, and the only one's id and profile (min() over one row is that row's): one aggregate row. */
function newUploadsAggregate(p: StaffPrincipal) {
  return db
    .select({
      n: sql<number>`count(*)::int`.as("n"),
      id: sql<string | null>`min(${documents.id}::text)`.as("id"),
      profileId: sql<string | null>`min(${documents.profileId}::text)`.as("profile_id"),
    })
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .where(newUploadsWhere(p));
}

/**
 * For the dashboard to-do: how many new uploads there are, and — when there is exactly one — which (one aggregate
 * query: with a single row, min() is that row). The count is `count(*)`, never rows loaded and counted.
 */
export async function newUploadsSummary(
  p: StaffPrincipal,
): Promise<{ count: number; only: { id: string; profileId: string } | null }> {
  assertStaff(p);
  const [row] = await newUploadsAggregate(p);
  const n = Number(row?.n ?? 0);
  return { count: n, only: n === 1 && row?.id && row.profileId ? { id: row.id, profileId: row.profileId } : null };
}

export async function newUploadsCount(p: StaffPrincipal): Promise<number> {
  return (await newUploadsSummary(p)).count;
}

/** Where one document is shown to staff: its client's documents page, scrolled to and highlighting it. */
export function staffDocumentHref(profileId: string, documentId: string): string {
  return `/dashboard/clients/${profileId}/documents?highlight=${documentId}#document-${documentId}`;
}

export type NewUploadItem = {
  id: string;
  profileId: string;
  profileName: string;
  fileName: string;
  sizeBytes: number;
  createdAt: Date;
  uploadedByName: string | null;
};

/** The new client uploads, oldest first (the to-do's list when there are several). Audited: names are PHI. */
export async function listNewUploads(p: StaffPrincipal, limit = 200): Promise<NewUploadItem[]> {
  assertStaff(p);
  const rows = await db
    .select({
      id: documents.id,
      profileId: documents.profileId,
      profileName: clientProfiles.legalName,
      fileName: documents.fileName,
      sizeBytes: documents.sizeBytes,
      createdAt: documents.createdAt,
      uploadedByName: users.name,
    })
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .innerJoin(users, eq(users.id, documents.uploadedById))
    .where(newUploadsWhere(p))
    .orderBy(documents.createdAt)
    .limit(limit);
  await audit({ action: "document.review_list", actor: p, detail: { count: rows.length } });
  return rows;
}

/**
 * The dashboard to-do source for new client uploads (shape of lib/dashboard/todos.ts `TodoSource`): one upload
 * leads to that upload, several to the list of new uploads.
 */
export const newUploadsTodo = {
  key: "documents.new-uploads",
  label: "New documents uploaded by clients",
  href: "/dashboard/documents",
  summary: (p: StaffPrincipal) => newUploadsAggregate(p),
  onlyHref: (only: { id: string; profileId: string }) => staffDocumentHref(only.profileId, only.id),
};

/**
 * The files most recently shared with a profile, for the portal home (docs/decisions.md, Client home). Not audited
 * here: the home writes its own one view row with the ids it shows.
 */
export async function listRecentShared(p: Principal, profileId: string, limit: number): Promise<DocumentListItem[]> {
  await findProfile(p, profileId);
  return recentSharedOf(p, profileId, limit, listColumns);
}

/** The recently shared files' one query, for any selection of its columns. */
function recentSharedOf<S extends SelectedFields>(
  p: Principal,
  profileId: string,
  limit: number,
  select: S,
): ListQuery<S> {
  return db
    .select(select as SelectedFields)
    .from(documents)
    .innerJoin(clientProfiles, eq(clientProfiles.id, documents.profileId))
    .innerJoin(users, eq(users.id, documents.uploadedById))
    .where(and(eq(documents.profileId, profileId), eq(documents.direction, "shared"), documentScope(p)))
    .orderBy(desc(documents.createdAt))
    .limit(limit) as unknown as ListQuery<S>;
}

/** The same list as one column of a page's single SELECT (db/json-list.ts); each file still in `documentScope`. */
export function recentSharedJson(p: Principal, profileId: string, limit: number) {
  return jsonList(listColumns, (row) => recentSharedOf(p, profileId, limit, { row }));
}

/**
 * The staff preview page's document: in scope, of this profile, and a previewable image; otherwise NotFoundError.
 * Reads only the row (name and type); the image itself is fetched, audited and marked opened by the preview route.
 */
export async function findPreviewable(p: StaffPrincipal, profileId: string, id: string): Promise<Document> {
  assertStaff(p);
  const doc = await findDocument(p, id);
  if (doc.profileId !== profileId || !canPreview(doc.mimeType)) throw new NotFoundError();
  return doc;
}
