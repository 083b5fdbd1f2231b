import "server-only";
import { and, eq, isNull, lt, lte, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { clientProfiles, conversationReads, conversations, messages, profileAccess, users } from "@/db/schema";
import { now, HOUR, MINUTE } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";

/** A message unread this long earns its recipients one email (docs/decisions.md, Messaging: notification). */
export const UNREAD_NOTICE_AFTER_MS = 10 * MINUTE;
/** At most one such email per conversation and side in this window. */
export const NOTICE_EVERY_MS = HOUR;

/**
 * One round of the unread-message notifier. Each message is looked at once, 10 minutes after it was sent: if the
 * other side has still not read it, its readers get "You have a new secure message" (no text, no names but the
 * practice's) through the outbox — unless that side of the conversation was emailed in the last hour. Several
 * servers may run it: an advisory lock makes one round at a time. Returns how many emails were queued.
 */
export async function notifyUnreadMessages(at: Date = now()): Promise<number> {
  return db.transaction(async (tx) => {
    // One round at a time across servers, so the once-an-hour rule sees the previous round's emails.
    await tx.execute(sql`select pg_advisory_xact_lock(72817014)`);
    const due = await tx
      .select({
        id: messages.id,
        side: messages.side,
        createdAt: messages.createdAt,
        deletedAt: messages.deletedAt,
        conversationId: conversations.id,
        profileId: conversations.profileId,
        clinicianId: clientProfiles.clinicianId,
        clientsNotifiedAt: conversations.clientsNotifiedAt,
        staffNotifiedAt: conversations.staffNotifiedAt,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(clientProfiles, eq(clientProfiles.id, conversations.profileId))
      .where(
        and(isNull(messages.notifyCheckedAt), lte(messages.createdAt, new Date(at.getTime() - UNREAD_NOTICE_AFTER_MS))),
      )
      .orderBy(messages.createdAt)
      .limit(500);
    let queued = 0;
    // The last email per conversation and side, updated as this round sends.
    const last = new Map<string, Date | null>();
    for (const m of due) {
      await tx.update(messages).set({ notifyCheckedAt: at }).where(eq(messages.id, m.id));
      if (m.deletedAt) continue;
      const key = `${m.conversationId}:${m.side}`;
      const lastSent = last.has(key) ? last.get(key)! : m.side === "client" ? m.staffNotifiedAt : m.clientsNotifiedAt;
      if (lastSent && at.getTime() - lastSent.getTime() < NOTICE_EVERY_MS) continue;
      // Who should have read it and has not: the clinician for a client's message, each active portal user of the
      // profile for the practice's.
      const unreadBy =
        m.side === "client"
          ? await tx
              .select({ id: users.id, email: users.email })
              .from(users)
              .leftJoin(
                conversationReads,
                and(eq(conversationReads.conversationId, m.conversationId), eq(conversationReads.userId, users.id)),
              )
              .where(
                and(
                  eq(users.id, m.clinicianId),
                  eq(users.active, true),
                  or(isNull(conversationReads.lastReadAt), lt(conversationReads.lastReadAt, m.createdAt)),
                ),
              )
          : await tx
              .select({ id: users.id, email: users.email })
              .from(profileAccess)
              .innerJoin(users, eq(users.id, profileAccess.userId))
              .leftJoin(
                conversationReads,
                and(eq(conversationReads.conversationId, m.conversationId), eq(conversationReads.userId, users.id)),
              )
              .where(
                and(
                  eq(profileAccess.profileId, m.profileId),
                  eq(users.active, true),
                  or(isNull(conversationReads.lastReadAt), lt(conversationReads.lastReadAt, m.createdAt)),
                ),
              );
      if (unreadBy.length === 0) continue;
      const url = appUrl(m.side === "client" ? "/dashboard/messages" : "/portal/messages");
      for (const r of unreadBy) {
        await enqueueEmail(tx, { to: r.email, userId: r.id, template: "new-message", props: { url } });
        queued++;
      }
      last.set(key, at);
      await tx
        .update(conversations)
        .set(m.side === "client" ? { staffNotifiedAt: at } : { clientsNotifiedAt: at })
        .where(eq(conversations.id, m.conversationId));
    }
    return queued;
  });
}

const g = globalThis as unknown as { __havenMessageNotifier?: ReturnType<typeof setInterval> };

/** Runs the notifier every minute in this process (started at boot, like the email deliverer). */
export function startMessageNotifier(intervalMs = MINUTE) {
  if (g.__havenMessageNotifier || env().EMAIL_DELIVERER === "off") return;
  let running = false;
  g.__havenMessageNotifier = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await notifyUnreadMessages();
    } catch (e) {
      log.error("message notifier round failed", e);
    } finally {
      running = false;
    }
  }, intervalMs);
  g.__havenMessageNotifier.unref?.();
}

/** Stops the notifier (graceful shutdown, lib/boot.ts). */
export function stopMessageNotifier() {
  if (g.__havenMessageNotifier) clearInterval(g.__havenMessageNotifier);
  g.__havenMessageNotifier = undefined;
}
