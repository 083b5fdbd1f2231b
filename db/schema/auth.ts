import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * Links that no longer sign in (used, superseded, expired-and-consumed), kept by hash only so the invalid-link
 * page can say why and offer a one-click "Email me a new link" for the same account without ever showing or
 * carrying the address (docs/product.md, Sign-in rule 4). Rows older than 30 days are pruned.
 */
export const spentLinks = pgTable(
  "spent_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason", { enum: ["used", "superseded", "expired"] }).notNull(),
    spentAt: timestamp("spent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("spent_links_spent_at_idx").on(t.spentAt)],
);
export type SpentLink = typeof spentLinks.$inferSelect;
export type NewSpentLink = typeof spentLinks.$inferInsert;
