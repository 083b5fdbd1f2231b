import { boolean, index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { clientProfiles } from "./profiles";
import { documents } from "./documents";

/** Which side wrote a message: someone with access to the profile, or the practice's staff. */
export const messageSideEnum = pgEnum("message_side", ["client", "staff"]);

/**
 * One conversation per client profile (docs/decisions.md, Messaging): who may read it is exactly who may reach the
 * profile (lib/profiles/access.ts), so a couple's partners share it and a partner's individual profile stays theirs.
 * The `notified*At` columns hold the last unread-message email per side, for the once-an-hour rule.
 */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id),
    /** Staff turned client messaging off for this profile ("messaging not available — call the office"). */
    clientMessagingOff: boolean("client_messaging_off").notNull().default(false),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }),
    clientsNotifiedAt: timestamp("clients_notified_at", { withTimezone: true }),
    staffNotifiedAt: timestamp("staff_notified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("conversations_profile_uq").on(t.profileId), index("conversations_last_idx").on(t.lastMessageAt)],
);
export type Conversation = typeof conversations.$inferSelect;
export type NewConversation = typeof conversations.$inferInsert;

/**
 * One message: plain text, never HTML. A message is part of the record: after the edit window it never changes,
 * and a deletion inside the window keeps the row (its text cleared) so the thread shows "message removed".
 */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    senderId: uuid("sender_id")
      .notNull()
      .references(() => users.id),
    side: messageSideEnum("side").notNull(),
    body: text("body").notNull(),
    attachmentId: uuid("attachment_id").references(() => documents.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    /** The unread-message notifier has looked at this message (emailed, or skipped by the hourly rule). */
    notifyCheckedAt: timestamp("notify_checked_at", { withTimezone: true }),
  },
  (t) => [
    index("messages_conversation_idx").on(t.conversationId, t.createdAt, t.id),
    index("messages_unchecked_idx").on(t.notifyCheckedAt, t.createdAt),
  ],
);
export type Message = typeof messages.$inferSelect;
export type NewMessage = typeof messages.$inferInsert;

/** How far one person has read one conversation; "Seen" and unread counts are computed from it. */
export const conversationReads = pgTable(
  "conversation_reads",
  {
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    side: messageSideEnum("side").notNull(),
    lastReadAt: timestamp("last_read_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("conversation_reads_uq").on(t.conversationId, t.userId)],
);
export type ConversationRead = typeof conversationReads.$inferSelect;

/**
 * What one person has typed in one profile's conversation and not sent yet (docs/decisions.md, Messaging: drafts):
 * saved as they type, shown again in the compose field on their next visit, removed when they send. Each person's
 * own: a couple's partner never sees the other's draft. Not part of the record: not in the thread, its PDF or the
 * records export.
 */
export const messageDrafts = pgTable(
  "message_drafts",
  {
    profileId: uuid("profile_id")
      .notNull()
      .references(() => clientProfiles.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.profileId, t.userId] })],
);
export type MessageDraft = typeof messageDrafts.$inferSelect;
