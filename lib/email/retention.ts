import "server-only";
import { sql } from "drizzle-orm";
import { execRows } from "@/db";
import { emailOutbox } from "@/db/schema";
import { DAY, HOUR, now } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";

/**
 * Outbox retention (docs/decisions.md "Email outbox": retention). Only rows whose message was delivered
 * (`status = 'sent'`) and whose `sent_at` is older than OUTBOX_RETENTION_DAYS are removed; queued, sending and
 * failed rows are never touched, so "why did this client get no email?" stays answerable for as long as the
 * problem is open. Rows go in batches of `batch` per DELETE (each a short statement on the (status, sent_at)
 * index), never one statement over the whole table, and a round stops after `maxBatches` so a first run on a
 * large outbox does not hold the database for long: the next round carries on.
 */
export const OUTBOX_DELETE_BATCH = 1000;

export async function pruneDeliveredEmails(
  opts: { asOf?: Date; retentionDays?: number; batch?: number; maxBatches?: number } = {},
): Promise<number> {
  const asOf = opts.asOf ?? now();
  const days = opts.retentionDays ?? env().OUTBOX_RETENTION_DAYS;
  const batch = opts.batch ?? OUTBOX_DELETE_BATCH;
  const maxBatches = opts.maxBatches ?? 50;
  const before = new Date(asOf.getTime() - days * DAY).toISOString();
  let removed = 0;
  for (let i = 0; i < maxBatches; i++) {
    // SKIP LOCKED: a row another server is deleting (or the deliverer still holds) is left for a later round.
    const rows = await execRows<{ id: string }>(sql`
      DELETE FROM ${emailOutbox} WHERE id IN (
        SELECT id FROM ${emailOutbox}
        WHERE status = 'sent' AND sent_at < ${before}::timestamptz
        ORDER BY sent_at
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED
      ) AND status = 'sent'
      RETURNING id`);
    removed += rows.length;
    if (rows.length < batch) break;
  }
  if (removed > 0) log.info("outbox retention removed delivered emails", { removed, retentionDays: days });
  return removed;
}

const g = globalThis as unknown as { __havenOutboxRetention?: NodeJS.Timeout };

/**
 * The retention loop inside each app server (started at boot beside the deliverer, stopped at shutdown). Hourly:
 * rows become due a day at a time, and several servers running it at once only share the work.
 */
export function startOutboxRetention(intervalMs = HOUR) {
  if (g.__havenOutboxRetention || env().EMAIL_DELIVERER === "off") return;
  const round = async () => {
    if (inFlight) return;
    inFlight = pruneDeliveredEmails()
      .then(() => undefined)
      .catch((e) => log.error("outbox retention round failed", e))
      .finally(() => (inFlight = null));
  };
  g.__havenOutboxRetention = setInterval(round, intervalMs);
  g.__havenOutboxRetention.unref?.();
}

/** The round running now, if any: stopping waits for it, so nothing is deleted after the loop has stopped. */
let inFlight: Promise<void> | null = null;

/** Stops the loop and waits for a round already running (graceful shutdown, lib/boot.ts; tests). */
export async function stopOutboxRetention() {
  if (g.__havenOutboxRetention) clearInterval(g.__havenOutboxRetention);
  g.__havenOutboxRetention = undefined;
  await inFlight;
}
