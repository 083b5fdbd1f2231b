import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { isUuid } from "@/lib/profiles/access";
import { renderOutboxRow } from "./outbox";
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

/**
 * One message with its body rendered now, from the row's template and props (the outbox stores no rendered body:
 * docs/decisions.md "Email outbox"). `html` is null when the body is gone.
 */
export async function getMailboxMessage(id: string) {
  assertEnabled();
  if (!isUuid(id)) throw new NotFoundError();
  const [m] = await db
    .select({ id: emailOutbox.id, to: emailOutbox.to, subject: emailOutbox.subject, template: emailOutbox.template, props: emailOutbox.props, html: emailOutbox.html, text: emailOutbox.text, createdAt: emailOutbox.createdAt, status: emailOutbox.status })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id))
    .limit(1);
  if (!m) throw new NotFoundError();
  const body = await renderOutboxRow(m);
  return { id: m.id, to: m.to, subject: m.subject, createdAt: m.createdAt, status: m.status, html: body?.html ?? null, text: body?.text ?? null };
}
