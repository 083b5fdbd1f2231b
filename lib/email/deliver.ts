import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, execRows } from "@/db";
import { emailOutbox } from "@/db/schema";
import { now, MINUTE, HOUR } from "@/lib/core/clock";
import { env } from "@/lib/core/env";
import { log } from "@/lib/core/log";
import { renderOutboxRow } from "./outbox";
import { emailTransport, type EmailTransport } from "./transport";

export const MAX_ATTEMPTS = 12;
const CLAIM_MS = 2 * MINUTE;

/** 30 s, 1 min, 2 min … capped at 1 hour: about a day of retries before a message is marked failed. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), HOUR);
}

type Claimed = {
  id: string;
  to: string;
  subject: string;
  template: string;
  props: Record<string, unknown> | null;
  html: string | null;
  text: string | null;
  attempts: number;
};

/**
 * Claims due messages so that several app servers never send one twice: a row is taken with
 * FOR UPDATE SKIP LOCKED and leased until `locked_until`; a server that dies mid-send leaves a lease that
 * expires, and another server retries (the provider's idempotency key stops a double send).
 */
async function claim(batch: number): Promise<Claimed[]> {
  const t = now();
  const lease = new Date(t.getTime() + CLAIM_MS);
  return execRows<Claimed>(sql`
    UPDATE ${emailOutbox} SET status = 'sending', locked_until = ${lease.toISOString()}::timestamptz
    WHERE id IN (
      SELECT id FROM ${emailOutbox}
      WHERE (status = 'pending' AND next_attempt_at <= ${t.toISOString()}::timestamptz)
         OR (status = 'sending' AND locked_until < ${t.toISOString()}::timestamptz)
      ORDER BY created_at
      LIMIT ${batch}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, "to", subject, template, props, html, text, attempts`);
}

/** PGlite returns jsonb parsed, postgres.js through execute() may hand back its text: accept both. */
const jsonValue = (v: unknown) =>
  typeof v === "string" ? (JSON.parse(v) as Record<string, unknown>) : (v as Record<string, unknown> | null);

/**
 * Sends what is due once. Each body is rendered here, just before its send, after the claim has committed: no
 * request and no transaction holding row locks waits for React Email (docs/decisions.md "Email outbox").
 * Returns how many were sent and how many failed this round.
 */
export async function deliverDueEmails(
  transport: EmailTransport | null = emailTransport(),
  batch = 20,
): Promise<{ sent: number; failed: number }> {
  // No provider: leave every message queued rather than pretend it went out.
  if (!transport) return { sent: 0, failed: 0 };
  const claimed = await claim(batch);
  let sent = 0;
  let failed = 0;
  for (const [i, m] of claimed.entries()) {
    // Shutting down: hand the messages not yet tried back at once instead of letting their leases run out.
    if (g.__havenDelivererStopping) {
      await releaseLeases(claimed.slice(i).map((c) => c.id));
      break;
    }
    try {
      const body = await renderOutboxRow({ ...m, props: jsonValue(m.props) });
      // A row whose body was scrubbed can never be sent again: fail it rather than send an empty email.
      if (!body) throw new Error("message body no longer stored");
      const res = await transport.send({
        id: m.id,
        to: m.to,
        from: env().EMAIL_FROM,
        subject: body.subject,
        html: body.html,
        text: body.text,
      });
      await db
        .update(emailOutbox)
        .set({
          status: "sent",
          sentAt: now(),
          attempts: m.attempts + 1,
          lockedUntil: null,
          lastError: null,
          provider: transport.name,
          providerMessageId: res.providerMessageId,
          // Sign-in emails carry live links: once a real provider has them, we keep no copy.
          ...(transport.name === "resend" ? { props: null, html: null, text: null } : {}),
        })
        .where(and(eq(emailOutbox.id, m.id), eq(emailOutbox.status, "sending")));
      sent++;
    } catch (e) {
      failed++;
      const attempts = m.attempts + 1;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await db
        .update(emailOutbox)
        .set({
          status: giveUp ? "failed" : "pending",
          attempts,
          lockedUntil: null,
          nextAttemptAt: new Date(now().getTime() + backoffMs(attempts)),
          lastError: e instanceof Error ? e.message.slice(0, 500) : "send failed",
          provider: transport.name,
        })
        .where(eq(emailOutbox.id, m.id));
      log.warn("email delivery failed", { outboxId: m.id, attempts, giveUp });
    }
  }
  return { sent, failed };
}

/**
 * Puts claimed messages back in the queue, due now, so another server (or this one after a restart) sends them
 * without waiting for the lease to expire. Only rows still leased ('sending') are touched.
 */
export async function releaseLeases(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(emailOutbox)
    .set({ status: "pending", lockedUntil: null, nextAttemptAt: now() })
    .where(and(inArray(emailOutbox.id, ids), eq(emailOutbox.status, "sending")))
    .returning({ id: emailOutbox.id });
  return rows.length;
}

const g = globalThis as unknown as {
  __havenDeliverer?: NodeJS.Timeout;
  __havenDelivererRound?: Promise<unknown>;
  __havenDelivererStopping?: boolean;
};

/** The background loop inside each app server (started from instrumentation.ts). */
export function startEmailDeliverer(intervalMs = 2000, transport: () => EmailTransport | null = emailTransport) {
  if (g.__havenDeliverer || env().EMAIL_DELIVERER === "off") return;
  if (!transport()) {
    log.warn(
      "no email provider: set RESEND_API_KEY (or DEV_MAILBOX=on for a local mailbox); emails stay queued until then",
    );
  }
  g.__havenDelivererStopping = false;
  g.__havenDeliverer = setInterval(() => {
    if (g.__havenDelivererRound) return;
    g.__havenDelivererRound = deliverDueEmails(transport())
      .catch((e) => log.error("email deliverer round failed", e))
      .finally(() => {
        g.__havenDelivererRound = undefined;
      });
  }, intervalMs);
  g.__havenDeliverer.unref?.();
}

/**
 * Stops the loop. At shutdown (lib/boot.ts) this also waits for the round in progress: the message being sent
 * finishes, the rest of its batch is released at once (`releaseLeases`), so nothing waits for a lease to expire.
 */
export async function stopEmailDeliverer() {
  if (g.__havenDeliverer) clearInterval(g.__havenDeliverer);
  g.__havenDeliverer = undefined;
  g.__havenDelivererStopping = true;
  try {
    await g.__havenDelivererRound;
  } finally {
    g.__havenDelivererStopping = false;
  }
}
