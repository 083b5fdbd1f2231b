import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Append-only audit log (docs/product.md, Audit). A trigger in the migrations refuses UPDATE and DELETE.
 * No PHI goes in `detail`: ids, reasons and counts only.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorRole: text("actor_role"),
    /** Email the event is about when there is no user yet (e.g. a failed sign-in); masked. */
    subject: text("subject"),
    profileId: uuid("profile_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
  },
  (t) => [
    // (filter column, at, id): the audit page's keyset order (lib/core/keyset.ts), whole or by actor or profile.
    index("audit_log_at_id_idx").on(t.at, t.id),
    index("audit_log_actor_at_idx").on(t.actorUserId, t.at, t.id),
    index("audit_log_profile_at_idx").on(t.profileId, t.at, t.id),
    index("audit_log_action_idx").on(t.action),
  ],
);
export type AuditEntry = typeof auditLog.$inferSelect;
export type NewAuditEntry = typeof auditLog.$inferInsert;
