import "server-only";
import type { DbOrTx } from "@/db";
import { emailOutbox } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { getPracticeSettings } from "@/lib/practice/settings";
import { renderEmail, type EmailTemplates, type TemplateName } from "./templates";

/** An absolute URL for a path inside the app, for emailed links. */
export function appUrl(pathname: string): string {
  return new URL(pathname, env().APP_URL).toString();
}

/**
 * Queues an email. Pass the transaction of the change that caused it (docs/product.md, Email: outbox first),
 * so the change and its email commit together or not at all. The deliverer sends it later, with retries.
 */
export async function enqueueEmail<T extends TemplateName>(
  on: DbOrTx,
  args: { to: string; template: T; props: EmailTemplates[T]; userId?: string | null },
): Promise<string> {
  const practice = await getPracticeSettings(on);
  const rendered = await renderEmail(args.template, { ...args.props, practiceName: practice.name, practicePhone: practice.phone });
  const [row] = await on
    .insert(emailOutbox)
    .values({
      to: args.to.toLowerCase(),
      subject: rendered.subject,
      template: args.template,
      html: rendered.html,
      text: rendered.text,
      userId: args.userId ?? null,
      createdAt: now(),
      nextAttemptAt: now(),
    })
    .returning({ id: emailOutbox.id });
  return row.id;
}

