import type { OutboxEmail } from "@/db/schema";
import { renderOutboxRow } from "@/lib/email/outbox";

/**
 * Outbox rows as the recipient would get them: the outbox stores template + props and renders at delivery
 * (docs/decisions.md "Email outbox"), so tests that check an email's wording render the rows first.
 */
export async function withRenderedBodies<T extends OutboxEmail>(
  rows: T[],
): Promise<(T & { html: string; text: string })[]> {
  return Promise.all(
    rows.map(async (r) => {
      const body = await renderOutboxRow(r);
      if (!body) throw new Error(`outbox row ${r.id} has no body`);
      return { ...r, subject: body.subject, html: body.html, text: body.text };
    }),
  );
}
