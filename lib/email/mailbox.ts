import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { isDevMailboxEnabled } from "./transport";

/**
 * The built-in dev mailbox: every message the app queued, newest first. It exists only while no email
 * provider is configured (RESEND_API_KEY unset); otherwise it is a 404, because the outbox holds live links.
 */
function assertEnabled() {
  if (!isDevMailboxEnabled()) throw new NotFoundError();
}

export async function listMailbox(limit = 200) {
  assertEnabled();
  return db
    .select({ id: emailOutbox.id, to: emailOutbox.to, subject: emailOutbox.subject, createdAt: emailOutbox.createdAt, status: emailOutbox.status })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export async function getMailboxMessage(id: string) {
  assertEnabled();
  if (!isUuid(id)) throw new NotFoundError();
  const [m] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)).limit(1);
  if (!m) throw new NotFoundError();
  return m;
}
