import { index, integer, pgEnum, pgTable, text, timestamp, uuid, bigint } from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";

export const recordsExportStatusEnum = pgEnum("records_export_status", ["queued", "running", "ready", "failed"]);

/**
 * A client's records export (docs/decisions.md, "A client's records export"): one background job per request. The
 * zip is kept encrypted in the file store (`storageBackend`/`storageKey`) until `expiresAt`, downloadable by the
 * requester only. `done`/`total` are the progress the status page shows; `leaseUntil` lets another server (or the
 * next start) pick up a job whose builder died.
 */
export const recordsExports = pgTable(
  "records_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id),
    requestedById: uuid("requested_by_id")
      .notNull()
      .references(() => users.id),
    /** The requester's role when asked: the job reads as that person, through the scoped data layer. */
    requestedByRole: text("requested_by_role").notNull(),
    status: recordsExportStatusEnum("status").notNull().default("queued"),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    storageBackend: text("storage_backend", { enum: ["local", "uploadthing", "s3"] }),
    storageKey: text("storage_key"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    /** A short reason without PHI when the build failed. */
    error: text("error"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("records_exports_requester_idx").on(t.requestedById, t.createdAt),
    index("records_exports_status_idx").on(t.status),
  ],
);
export type RecordsExport = typeof recordsExports.$inferSelect;
