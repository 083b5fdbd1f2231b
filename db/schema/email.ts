import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const outboxStatusEnum = pgEnum("outbox_status", ["pending", "sending", "sent", "failed"]);

/**
 * Every email goes through this table first (docs/product.md, Email): written in the same transaction as the
 * change that caused it, delivered later with retries. A row keeps the template's name and its validated props;
 * the deliverer renders the body just before sending (docs/decisions.md "Email outbox"), so no request and no
 * row-locking transaction pays for React Email. With a real provider the props are scrubbed once sent, because
 * sign-in emails carry live links. `html`/`text` are only read for rows queued before props existed.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    template: text("template").notNull(),
    /** The template's props (practice name and phone included), validated against the template's schema. */
    props: jsonb("props").$type<Record<string, unknown>>(),
    /** Rendered bodies of rows written before `props` existed; new rows leave them null. */
    html: text("html"),
    text: text("text"),
    status: outboxStatusEnum("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    userId: uuid("user_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    index("email_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("email_outbox_created_idx").on(t.createdAt),
    // The retention job's batches: delivered rows, oldest first (lib/email/retention.ts).
    index("email_outbox_sent_idx").on(t.status, t.sentAt),
  ],
);
export type OutboxEmail = typeof emailOutbox.$inferSelect;
export type NewOutboxEmail = typeof emailOutbox.$inferInsert;
