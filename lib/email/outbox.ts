import "server-only";
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
