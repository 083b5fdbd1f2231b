import "server-only";
import { and, eq, inArray, or } from "drizzle-orm";
import { db, type Tx } from "@/db";
import {
  paymentCustomers,
  paymentIntents,
  paymentMethods,
  paymentWebhookEvents,
  users,
  type PaymentIntentRow,
} from "@/db/schema";
import { audit, type AuditAction } from "@/lib/audit/write";
import { now } from "@/lib/core/clock";
import { appUrl, enqueueEmail } from "@/lib/email/outbox";
import { log } from "@/lib/core/log";
import { isExpectedError } from "@/lib/core/errors";
import { isUuid } from "@/lib/core/validation";
import { saveFromSetupIntent, storeCard } from "./internal/cards";
import { paymentProvider } from "./index";
import { localProvider } from "./local";
import { recordPayment } from "./internal/ledger";
import type { CardDetails, EventIntent, PaymentEvent } from "./provider";

/**
 * Webhooks (docs/decisions.md, Card on file and payments: The webhook is the source of truth): the raw body's signature is verified first (anything else → 400, nothing changes);
 * each event id is processed once (payment_webhook_events, in the same transaction as its effects); one handler
 * per event type. The local test mode delivers its events through this same function.
 */
export type WebhookResult = {
  status: 200 | 400 | 500;
  body: { received: boolean; duplicate?: boolean; error?: string };
};

/** What a handler needs from the provider, fetched before the transaction opens. */
type Prefetched = { card?: CardDetails };

type Handler<T extends PaymentEvent["type"]> = (
  tx: Tx,
  event: Extract<PaymentEvent, { type: T }>,
  pre: Prefetched,
) => Promise<void>;

const handlers: { [T in PaymentEvent["type"]]: Handler<T> } = {
  "payment_intent.succeeded": onIntentSucceeded,
  "payment_intent.payment_failed": onIntentFailed,
  "payment_intent.processing": onIntentProcessing,
  "payment_intent.canceled": onIntentCanceled,
  "setup_intent.succeeded": onSetupSucceeded,
  other: async () => {},
};

export async function receiveWebhook(rawBody: string, signature: string | null): Promise<WebhookResult> {
  const provider = paymentProvider();
  let event: PaymentEvent;
  try {
    event = await provider.verifyWebhook(rawBody, signature);
  } catch {
    // Never log the body: it is unverified input.
    log.warn("payment webhook rejected: bad signature");
    return { status: 400, body: { received: false, error: "invalid signature" } };
  }
  try {
    const pre = await prefetch(event);
    const duplicate = await db.transaction(async (tx) => {
      const inserted = await tx
        .insert(paymentWebhookEvents)
        .values({
          id: event.id,
          provider: provider.mode,
          type: event.type === "other" ? event.rawType : event.type,
          receivedAt: now(),
        })
        .onConflictDoNothing()
        .returning({ id: paymentWebhookEvents.id });
      if (inserted.length === 0) return true;
      await (handlers[event.type] as Handler<typeof event.type>)(tx, event as never, pre);
      return false;
    });
    return { status: 200, body: { received: true, duplicate } };
  } catch (e) {
    // 500 makes Stripe retry; the event row rolled back with the rest.
    log.error("payment webhook failed", e, { type: event.type });
    return { status: 500, body: { received: false, error: "handler failed" } };
  }
}

/** Test mode: deliver the local provider's signed events to the handler, as Stripe would over HTTP. */
export async function deliverLocalEvents(): Promise<void> {
  if (paymentProvider().mode !== "test") return;
  for (const e of localProvider.takeEvents()) {
    const r = await receiveWebhook(e.payload, e.signature);
    if (r.status !== 200) throw new Error(`local payment event not processed (${r.status})`);
  }
}

async function prefetch(event: PaymentEvent): Promise<Prefetched> {
  const provider = paymentProvider();
  if (event.type === "payment_intent.succeeded" && event.intent.saveCard && event.intent.paymentMethodId) {
    return { card: await provider.retrieveCard(event.intent.paymentMethodId) };
  }
  if (
    event.type === "setup_intent.succeeded" &&
    event.setupIntent.paymentMethodId &&
    event.setupIntent.metadata.profileId
  ) {
    return { card: await provider.retrieveCard(event.setupIntent.paymentMethodId) };
  }
  return {};
}

async function findIntentRow(tx: Tx, intent: EventIntent): Promise<PaymentIntentRow | undefined> {
  const rowId = intent.metadata.paymentIntentRowId;
  const [row] = await tx
    .select()
    .from(paymentIntents)
    .where(
      isUuid(rowId)
        ? or(eq(paymentIntents.id, rowId), eq(paymentIntents.providerIntentId, intent.id))
        : eq(paymentIntents.providerIntentId, intent.id),
    )
    .for("update")
    .limit(1);
  if (!row) log.warn("payment webhook for an intent we did not create", { intent: intent.id });
  return row;
}

async function onIntentSucceeded(
  tx: Tx,
  event: Extract<PaymentEvent, { type: "payment_intent.succeeded" }>,
  pre: Prefetched,
) {
  const intent = event.intent;
  const row = await findIntentRow(tx, intent);
  if (!row || row.billingPaymentId) return;
  const amountCents = intent.amountReceivedCents || intent.amountCents;
  let billingPaymentId: string;
  try {
    billingPaymentId = (
      await recordPayment(tx, {
        invoiceId: row.invoiceId,
        amountCents,
        method: "card",
        externalId: intent.id,
        recordedById: row.initiatedByUserId,
      })
    ).payment.id;
  } catch (e) {
    // Money moved but the invoice cannot take it (voided or already paid meanwhile): keep the event, flag the
    // payment for staff to refund, and do not make Stripe retry forever.
    if (!isExpectedError(e)) throw e;
    await tx
      .update(paymentIntents)
      .set({
        status: "succeeded",
        providerIntentId: intent.id,
        failureMessage: `needs review: ${e.message}`,
        updatedAt: now(),
      })
      .where(eq(paymentIntents.id, row.id));
    await audit(
      {
        action: "payment.needs_review",
        actorRole: "system",
        profileId: row.profileId,
        targetType: "invoice",
        targetId: row.invoiceId,
        detail: { paymentIntentId: row.id, reason: e.message },
        ip: null,
      },
      tx,
    );
    return;
  }
  let paymentMethodId = row.paymentMethodId;
  // A new card the client asked to keep: saved now, with the consent they gave when paying.
  if (
    intent.saveCard &&
    row.saveCardConsentAt &&
    row.initiatedBy === "client" &&
    row.initiatedByUserId &&
    intent.paymentMethodId &&
    pre.card
  ) {
    const [customer] = await tx
      .select()
      .from(paymentCustomers)
      .where(and(eq(paymentCustomers.profileId, row.profileId), eq(paymentCustomers.provider, row.provider)))
      .limit(1);
    if (customer) {
      const pm = await storeCard(tx, {
        profileId: row.profileId,
        ownerUserId: row.initiatedByUserId,
        customerRowId: customer.id,
        providerPaymentMethodId: intent.paymentMethodId,
        card: pre.card,
        consentAt: row.saveCardConsentAt,
        ip: null,
        userAgent: null,
      });
      paymentMethodId = pm.id;
    }
  }
  await tx
    .update(paymentIntents)
    .set({
      status: "succeeded",
      providerIntentId: intent.id,
      billingPaymentId,
      paymentMethodId,
      failureMessage: null,
      updatedAt: now(),
    })
    .where(eq(paymentIntents.id, row.id));

  // Receipt to whoever paid: the client who paid, or the card's owner when staff charged it. No PHI (template).
  let payerId = row.initiatedBy === "client" ? row.initiatedByUserId : null;
  if (!payerId && paymentMethodId) {
    const [pm] = await tx
      .select({ owner: paymentMethods.ownerUserId })
      .from(paymentMethods)
      .where(eq(paymentMethods.id, paymentMethodId))
      .limit(1);
    payerId = pm?.owner ?? null;
  }
  if (payerId) {
    const [payer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, payerId)).limit(1);
    if (payer)
      await enqueueEmail(tx, {
        to: payer.email,
        template: "payment-receipt",
        // The receipt page: an id only, no PHI; the portal asks for sign-in before showing it.
        props: { url: appUrl(`/portal/billing/receipts/${billingPaymentId}`) },
        userId: payerId,
      });
  }
  await auditIntent(tx, "payment.succeeded", row, event.id);
}

/** The audit row of a payment outcome: the system acted (a verified provider event), about the invoice. */
function auditIntent(
  tx: Tx,
  action: AuditAction,
  row: { id: string; profileId: string; invoiceId: string },
  eventId: string,
) {
  return audit(
    {
      action,
      actorRole: "system",
      profileId: row.profileId,
      targetType: "invoice",
      targetId: row.invoiceId,
      detail: { paymentIntentId: row.id, eventId },
      ip: null,
    },
    tx,
  );
}

async function onIntentFailed(tx: Tx, event: Extract<PaymentEvent, { type: "payment_intent.payment_failed" }>) {
  const row = await findIntentRow(tx, event.intent);
  if (!row || row.status === "succeeded") return;
  await tx
    .update(paymentIntents)
    .set({
      status: "failed",
      providerIntentId: event.intent.id,
      failureMessage: event.intent.failureMessage ?? "The payment was declined.",
      updatedAt: now(),
    })
    .where(eq(paymentIntents.id, row.id));
  await auditIntent(tx, "payment.failed", row, event.id);
}

async function onIntentProcessing(tx: Tx, event: Extract<PaymentEvent, { type: "payment_intent.processing" }>) {
  const row = await findIntentRow(tx, event.intent);
  if (!row) return;
  await tx
    .update(paymentIntents)
    .set({ status: "processing", providerIntentId: event.intent.id, updatedAt: now() })
    .where(
      and(
        eq(paymentIntents.id, row.id),
        inArray(paymentIntents.status, ["requires_payment_method", "requires_confirmation", "requires_action"]),
      ),
    );
}

async function onIntentCanceled(tx: Tx, event: Extract<PaymentEvent, { type: "payment_intent.canceled" }>) {
  const row = await findIntentRow(tx, event.intent);
  if (!row) return;
  await tx
    .update(paymentIntents)
    .set({ status: "canceled", updatedAt: now() })
    .where(
      and(
        eq(paymentIntents.id, row.id),
        inArray(paymentIntents.status, [
          "requires_payment_method",
          "requires_confirmation",
          "requires_action",
          "processing",
        ]),
      ),
    );
}

async function onSetupSucceeded(
  tx: Tx,
  event: Extract<PaymentEvent, { type: "setup_intent.succeeded" }>,
  pre: Prefetched,
) {
  const si = event.setupIntent;
  if (!si.metadata.profileId || !pre.card || !isUuid(si.metadata.profileId)) return;
  const [customer] = await tx
    .select()
    .from(paymentCustomers)
    .where(and(eq(paymentCustomers.profileId, si.metadata.profileId), eq(paymentCustomers.provider, "stripe")))
    .limit(1);
  await saveFromSetupIntent(tx, si, pre.card, customer);
}
