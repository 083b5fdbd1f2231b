import { sql } from "drizzle-orm";
import { bigint, index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";

/** "shared": the practice shared it with the profile; "uploaded": a portal user uploaded it for the clinician. */
export const documentDirectionEnum = pgEnum("document_direction", ["shared", "uploaded"]);

/**
 * One stored file (docs/product.md, Documents). A row exists only once the upload finished and passed every
 * check; the bytes live in the object store under `storageKey`, encrypted, with `id` bound into every frame.
 * `fileName` is the sanitised display name, never a path. Withdrawn shares keep their row for the audit trail.
 */
export const documents = pgTable(
  "documents",
  {
    id: uuid("id").primaryKey(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id),
    direction: documentDirectionEnum("direction").notNull(),
    fileName: text("file_name").notNull(),
    /** The type read from the bytes, served back as Content-Type. */
    mimeType: text("mime_type").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    /** SHA-256 of the plaintext, hex; checked again on every download. */
    sha256: text("sha256").notNull(),
    storageBackend: text("storage_backend", { enum: ["local", "uploadthing", "s3"] }).notNull(),
    storageKey: text("storage_key").notNull(),
    note: text("note"),
    uploadedById: uuid("uploaded_by_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Shared documents: the first download by a portal user ("viewed", shown to the clinician). */
    firstViewedAt: timestamp("first_viewed_at", { withTimezone: true }),
    firstViewedById: uuid("first_viewed_by_id").references(() => users.id),
    /** Client uploads: the first time staff opened it; null means "new" on the dashboard. */
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawnById: uuid("withdrawn_by_id").references(() => users.id),
    /**
     * Client uploads: the uploader removed it before staff opened it (docs/decisions.md, Files). The row stays for
     * the audit trail; its stored object is deleted and nobody is shown or served it again.
     */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    removedById: uuid("removed_by_id").references(() => users.id),
  },
  (t) => [
    index("documents_profile_direction_idx").on(t.profileId, t.direction, t.createdAt, t.id),
    // The dashboard's "new uploads" count (docs/performance.md): only uploads no one on staff has opened yet.
    index("documents_new_uploads_idx")
      .on(t.profileId)
      .where(sql`${t.direction} = 'uploaded' and ${t.reviewedAt} is null and ${t.removedAt} is null`),
  ],
);
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
