import "server-only";
import { and, eq, isNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db";
import { conversationReads, conversations, messages } from "@/db/schema";

/**
 * How many of the practice's messages in one profile a portal user has not read yet (docs/decisions.md,
 * Messaging): messages from staff, not deleted, newer than this person's read marker on that conversation (or all
 * of them without one). A correlated sub-select on the profile's id column, so the portal's own-profiles list
 * carries each profile's count in the statement it runs anyway (lib/profiles/queries.ts), and the header's total
 * costs no statement of its own (docs/performance.md). lib/messaging's `unreadCount` for a client is the sum over
 * that list; this is the one place the client's rule is written.
 */
export function clientUnreadInProfile(userId: string | AnyColumn | SQL, profileId: AnyColumn | SQL): SQL<number> {
  return sql<number>`(${db
    .select({ n: sql`count(*)::int` })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .leftJoin(
      conversationReads,
      and(eq(conversationReads.conversationId, conversations.id), eq(conversationReads.userId, userId)),
    )
    .where(
      and(
        eq(conversations.profileId, profileId),
        eq(messages.side, "staff"),
        isNull(messages.deletedAt),
        sql`(${conversationReads.lastReadAt} is null or ${messages.createdAt} > ${conversationReads.lastReadAt})`,
      ),
    )})`.mapWith(Number);
}
