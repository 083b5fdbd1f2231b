import "server-only";
import { and, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { emailOutbox, type OutboxEmail } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { getPracticeSettings } from "@/lib/practice/settings";
import {
  emailSubject,
  parseTemplateProps,
  renderEmail,
  isTemplateName,
  type EmailTemplates,
  type StoredProps,
  type TemplateName,
} from "./templates";

/** An absolute URL for a path inside the app, for emailed links. */
export function appUrl(pathname: string): string {
  return new URL(pathname, env().APP_URL).toString();
}

/**
 * What an outbox row holds for one email, without its recipient: the subject (plain string work), the template
 * name and its validated props with the practice's name and phone as they are now. No rendering: the body is
 * rendered by the deliverer just before sending (docs/decisions.md "Email outbox").
 */
export async function prepareEmail<T extends TemplateName>(
  on: DbOrTx,
  template: T,
  props: EmailTemplates[T],
): Promise<{ template: T; subject: string; props: StoredProps<T> }> {
  const practice = await getPracticeSettings(on);
  const stored = parseTemplateProps(template, { ...props, practiceName: practice.name, practicePhone: practice.phone });
  return { template, subject: emailSubject(template, stored), props: stored };
}

/**
 * Queues an email. Pass the transaction of the change that caused it (docs/product.md, Email: outbox first),
 * so the change and its email commit together or not at all. The deliverer renders and sends it later, with
 * retries; nothing here renders, so the transaction holds its row locks only for the insert.
 */
export async function enqueueEmail<T extends TemplateName>(
  on: DbOrTx,
  args: { to: string; template: T; props: EmailTemplates[T]; userId?: string | null },
): Promise<string> {
  const prepared = await prepareEmail(on, args.template, args.props);
  const t = now();
  const [row] = await on
    .insert(emailOutbox)
    .values({
      to: args.to.toLowerCase(),
      subject: prepared.subject,
      template: prepared.template,
      props: prepared.props,
      userId: args.userId ?? null,
      createdAt: t,
      nextAttemptAt: t,
    })
    .returning({ id: emailOutbox.id });
  return row.id;
}

/**
 * Queues a notice that is merged with others of the same template to the same person for `windowMs`
 * (docs/decisions.md, Forms and safety: batching): the first one is queued to go out after the window, and any
 * that come while it still waits are folded into it, so four submissions in a minute make one email. Notices
 * that must not wait (safety alerts) never go through here. An advisory lock per recipient and template makes
 * two concurrent submits agree on one row.
 */
export async function enqueueBatchedEmail<T extends TemplateName>(
  on: DbOrTx,
  args: { to: string; template: T; props: EmailTemplates[T]; userId?: string | null; windowMs: number },
): Promise<{ id: string; merged: boolean }> {
  const to = args.to.toLowerCase();
  await on.execute(sql`select pg_advisory_xact_lock(hashtext(${`outbox-batch:${args.template}:${to}`}))`);
  const t = now();
  const [waiting] = await on
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        eq(emailOutbox.to, to),
        eq(emailOutbox.template, args.template),
        eq(emailOutbox.status, "pending"),
        eq(emailOutbox.attempts, 0),
        gt(emailOutbox.nextAttemptAt, t),
      ),
    )
    .limit(1);
  if (waiting) return { id: waiting.id, merged: true };
  const prepared = await prepareEmail(on, args.template, args.props);
  const [row] = await on
    .insert(emailOutbox)
    .values({
      to,
      subject: prepared.subject,
      template: prepared.template,
      props: prepared.props,
      userId: args.userId ?? null,
      createdAt: t,
      nextAttemptAt: new Date(t.getTime() + args.windowMs),
    })
    .returning({ id: emailOutbox.id });
  return { id: row.id, merged: false };
}

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * The body of an outbox row: rendered from its template and props (rows queued since props exist), or the
 * stored html/text of an older row. Null once the body is gone (scrubbed after a real provider accepted it).
 * Throws on props that fail the template's schema; the message never contains the props.
 */
export async function renderOutboxRow(
  row: Pick<OutboxEmail, "template" | "subject" | "props" | "html" | "text">,
): Promise<RenderedEmail | null> {
  if (row.props != null) {
    if (!isTemplateName(row.template))
      throw new Error(`unknown email template ${JSON.stringify(row.template.slice(0, 40))}`);
    const rendered = await renderEmail(row.template, parseTemplateProps(row.template, row.props));
    // The subject stored at queue time is the one lists showed; keep the message consistent with it.
    return { ...rendered, subject: row.subject };
  }
  if (row.html != null || row.text != null) return { subject: row.subject, html: row.html ?? "", text: row.text ?? "" };
  return null;
}
