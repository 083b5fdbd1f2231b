import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db";
import { emailOutbox } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { isLoopbackAddress, type RequestMeta } from "@/lib/core/http";
import { renderOutboxRow } from "./outbox";
import { isDevMailboxEnabled } from "./transport";

/**
 * The built-in dev mailbox: every message the app queued, newest first. The outbox holds live sign-in links, so
 * it answers only while it is enabled (lib/email/transport.ts: no email provider, a local APP_URL or
 * DEV_MAILBOX=on) **and** only to a client on this machine. The server listens on every interface, and the Host
 * header is the client's to choose, so "local" is decided by the client address the server derived from the
 * socket (lib/core/http.ts), never by Host. Anything else is a 404, as if the page did not exist.
 */
export function isMailboxOpenTo(meta: Pick<RequestMeta, "ip">): boolean {
  return isDevMailboxEnabled() && isLoopbackAddress(meta.ip);
}

function assertOpen(meta: Pick<RequestMeta, "ip">) {
  if (!isMailboxOpenTo(meta)) throw new NotFoundError();
}

export async function listMailbox(meta: Pick<RequestMeta, "ip">, limit = 200) {
  assertOpen(meta);
  return db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      createdAt: emailOutbox.createdAt,
      status: emailOutbox.status,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

/**
 * One message with its body rendered now, from the row's template and props (the outbox stores no rendered body:
 * docs/decisions.md "Email outbox"). `html` is null when the body is gone.
 */
export async function getMailboxMessage(id: string, meta: Pick<RequestMeta, "ip">) {
  assertOpen(meta);
  if (!isUuid(id)) throw new NotFoundError();
  const [m] = await db
    .select({
      id: emailOutbox.id,
      to: emailOutbox.to,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      props: emailOutbox.props,
      html: emailOutbox.html,
      text: emailOutbox.text,
      createdAt: emailOutbox.createdAt,
      status: emailOutbox.status,
    })
    .from(emailOutbox)
    .where(eq(emailOutbox.id, id))
    .limit(1);
  if (!m) throw new NotFoundError();
  const body = await renderOutboxRow(m);
  return {
    id: m.id,
    to: m.to,
    subject: m.subject,
    createdAt: m.createdAt,
    status: m.status,
    html: body?.html ?? null,
    text: body?.text ?? null,
  };
}
