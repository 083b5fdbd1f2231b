import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/db";
import { invoices, paymentIntents, type ClientProfile, type PaymentIntentRow, type PaymentMethod } from "@/db/schema";
import { audit } from "@/lib/audit/write";
import { assertClient, type Principal, type ClientPrincipal } from "@/lib/core/principal";
import { now, MINUTE } from "@/lib/core/clock";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/core/errors";
import { findProfile } from "@/lib/profiles/access";
import { isUuid } from "@/lib/core/validation";
import { findMyPayingCard } from "./cards";
import { customerOfCard, ensureCustomer, findDefaultCard } from "./internal/cards";
import { clientPaymentProblem, formatCents } from "@/lib/billing/money";
import { paymentProvider } from "./index";
import { localProvider } from "./local";
import { findPayableInvoice, lockPayableInvoice, type PayableInvoice } from "./internal/ledger";
import { CardDeclinedError, type IntentStatus } from "./provider";
import { deliverLocalEvents } from "./webhook";

/**
 * Paying invoices (docs/product.md, Payments). A payment intent is opened for the balance due; the invoice changes only when
 * the provider's `payment_intent.succeeded` webhook arrives (lib/payments/webhook.ts), through billing's payment
 * function. A decline leaves the invoice as it was and shows the issuer's message.
 */
export type PayOutcome = {
  intentId: string;
  status: IntentStatus;
  clientSecret: string | null;
  message: string | null;
};

type Open = {
  profileId: string;
  invoiceId: string;
  initiatedBy: "client" | "staff";
  initiatedByUserId: string;
  paymentMethodId: string | null;
  brand?: string | null;
  last4?: string | null;
  /** Part of the balance (staff up to it; clients at least $1 or the rest); absent = the whole balance. */
  amountCents?: number;
  saveCardConsentAt?: Date | null;
};

/** A payment that has been "processing" this long is treated as stuck, so it no longer blocks a new attempt. */
const IN_FLIGHT_WINDOW = 30 * MINUTE;

async function openIntent(o: Open, actor: Principal): Promise<{ row: PaymentIntentRow; superseded: string[] }> {
  return db.transaction(async (tx) => {
    const invoice = await lockPayableInvoice(tx, o.profileId, o.invoiceId);
    const amountCents = o.amountCents ?? invoice.balanceCents;
    // A client may pay part of the balance, within the same rule the pay form checks (docs/decisions.md, Money).
    const problem = o.initiatedBy === "client" ? clientPaymentProblem(invoice.balanceCents, amountCents) : null;
    if (problem) throw new ValidationError(problem, { amount: [problem] });
    if (amountCents > invoice.balanceCents)
      throw new ValidationError("The amount is more than the balance due.", {
        amount: [`The balance due is ${formatCents(invoice.balanceCents)}.`],
      });
    const open = await tx
      .select()
      .from(paymentIntents)
      .where(
        and(
          eq(paymentIntents.invoiceId, invoice.id),
          inArray(paymentIntents.status, [
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
            "processing",
          ]),
        ),
      );
    // Money already moving for this invoice: never start a second charge (double payment).
    if (open.some((r) => r.status === "processing" && now().getTime() - r.updatedAt.getTime() < IN_FLIGHT_WINDOW)) {
      throw new ConflictError(
        "A payment for this invoice is already being processed. Please wait a moment and refresh.",
      );
    }
    const superseded = open.filter((r) => r.status !== "processing").map((r) => r.providerIntentId);
    if (superseded.length) {
      await tx
        .update(paymentIntents)
        .set({ status: "canceled", updatedAt: now() })
        .where(inArray(paymentIntents.providerIntentId, superseded));
    }
    const id = crypto.randomUUID();
    const [row] = await tx
      .insert(paymentIntents)
      .values({
        id,
        provider: paymentProvider().mode,
        providerIntentId: `pending_${id}`,
        invoiceId: invoice.id,
        profileId: invoice.profileId,
        initiatedBy: o.initiatedBy,
        initiatedByUserId: o.initiatedByUserId,
        paymentMethodId: o.paymentMethodId,
        amountCents,
        currency: "usd",
        status: "requires_confirmation",
        brand: o.brand ?? null,
        last4: o.last4 ?? null,
        saveCardConsentAt: o.saveCardConsentAt ?? null,
        createdAt: now(),
        updatedAt: now(),
      })
      .returning();
    await audit(
      {
        action: o.initiatedBy === "staff" ? "payment.staff_charge" : "payment.started",
        actor,
        profileId: invoice.profileId,
        targetType: "invoice",
        targetId: invoice.id,
        detail: { paymentIntentId: id },
      },
      tx,
    );
    return { row, superseded: superseded.filter((s) => !s.startsWith("pending_")) };
  });
}

/** Creates the provider's intent for our row; a decline marks the row failed and is rethrown for the form. */
/** Opens the intent (cancelling earlier open attempts of the invoice) and runs it with the provider. */
async function openAndRun(
  principal: Principal,
  open: Omit<Open, "initiatedByUserId">,
  run: Parameters<typeof runIntent>[2],
) {
  const { row, superseded } = await openIntent({ ...open, initiatedByUserId: principal.userId }, principal);
  await cancelSuperseded(superseded);
  return runIntent(row, principal, run);
}

async function runIntent(
  row: PaymentIntentRow,
  actor: Principal,
  args: { customerId: string; providerPaymentMethodId?: string; offSession?: boolean; saveCard?: boolean },
): Promise<PayOutcome> {
  const provider = paymentProvider();
  try {
    const pi = await provider.createPaymentIntent({
      customerId: args.customerId,
      amountCents: row.amountCents,
      currency: row.currency,
      paymentMethodId: args.providerPaymentMethodId,
      offSession: args.offSession,
      saveCard: args.saveCard,
      metadata: { invoiceId: row.invoiceId, profileId: row.profileId, paymentIntentRowId: row.id },
      idempotencyKey: `intent:${row.id}`,
    });
    // Only move forward from "requires_confirmation": a webhook may already have settled it.
    await db
      .update(paymentIntents)
      .set({ providerIntentId: pi.id, status: pi.status === "succeeded" ? "processing" : pi.status, updatedAt: now() })
      .where(and(eq(paymentIntents.id, row.id), eq(paymentIntents.status, "requires_confirmation")));
    await deliverLocalEvents();
    const fresh = await intentRow(row.id);
    return {
      intentId: row.id,
      status: fresh.status,
      clientSecret: pi.status === "requires_payment_method" || pi.status === "requires_action" ? pi.clientSecret : null,
      message: null,
    };
  } catch (e) {
    if (e instanceof CardDeclinedError) {
      await db
        .update(paymentIntents)
        .set({
          status: "failed",
          failureMessage: e.message,
          ...(e.intentId ? { providerIntentId: e.intentId } : {}),
          updatedAt: now(),
        })
        .where(eq(paymentIntents.id, row.id));
      await audit({
        action: "payment.declined",
        actor,
        profileId: row.profileId,
        targetType: "invoice",
        targetId: row.invoiceId,
        detail: { paymentIntentId: row.id, code: e.code },
      });
      await deliverLocalEvents();
    } else {
      await db
        .update(paymentIntents)
        .set({ status: "failed", failureMessage: "error", updatedAt: now() })
        .where(eq(paymentIntents.id, row.id));
    }
    throw e;
  }
}

async function intentRow(id: string): Promise<PaymentIntentRow> {
  const [r] = await db.select().from(paymentIntents).where(eq(paymentIntents.id, id)).limit(1);
  if (!r) throw new NotFoundError();
  return r;
}

async function cancelSuperseded(ids: string[]) {
  for (const id of ids)
    await paymentProvider()
      .cancelPaymentIntent(id)
      .catch(() => undefined);
}

/**
 * The client pays (all or part of) the balance with one of their own cards. A card belongs to the portal user, so
 * a guardian's card saved while on a minor's profile pays the guardian's own invoices too: the invoice must be the
 * active profile's (which the user reaches, re-checked on every request) and the card must be the user's, on a
 * profile the user still reaches. Another person's card never pays, whoever's profile it was saved on.
 */
export async function payWithSavedCard(
  principal: Principal,
  profile: ClientProfile,
  invoiceId: string,
  paymentMethodId: string,
  amountCents?: number,
): Promise<PayOutcome> {
  await findPayableInvoice(profile.id, invoiceId);
  const card = await findMyPayingCard(principal, paymentMethodId);
  return payWithCardOnFile(principal, { profileId: profile.id, invoiceId, initiatedBy: "client", card, amountCents });
}

/** Test mode: pay with a new card read in the browser (token, brand, last 4, expiry only); optionally keep it. */
export async function payWithTestCard(
  principal: Principal,
  profile: ClientProfile,
  input: {
    invoiceId: string;
    token: string;
    brand: string;
    last4: string;
    expMonth: number;
    expYear: number;
    saveCard: boolean;
    amount?: number;
  },
): Promise<PayOutcome> {
  if (paymentProvider().mode !== "test") throw new NotFoundError();
  return payWithNewCard(principal, profile, input, async () => (await localProvider.createTestCard(input)).id);
}

/** Stripe: a PaymentIntent for the balance due that the Payment Element confirms in the browser with a new card. */
export async function startStripeCardPayment(
  principal: Principal,
  profile: ClientProfile,
  input: { invoiceId: string; saveCard: boolean; amount?: number },
): Promise<PayOutcome> {
  if (paymentProvider().mode !== "stripe") throw new NotFoundError();
  return payWithNewCard(principal, profile, input);
}

/**
 * The client pays the balance with a card not on file: in test mode one the browser read (`testCard` makes the
 * local card after the checks), with Stripe one the Payment Element confirms; optionally kept with consent.
 */
async function payWithNewCard(
  principal: Principal,
  profile: ClientProfile,
  input: { invoiceId: string; saveCard: boolean; brand?: string; last4?: string; amount?: number },
  testCard?: () => Promise<string>,
): Promise<PayOutcome> {
  await findPayableInvoice(profile.id, input.invoiceId);
  const customer = await ensureCustomer(profile.id);
  const providerPaymentMethodId = testCard ? await testCard() : undefined;
  return openAndRun(
    principal,
    {
      profileId: profile.id,
      invoiceId: input.invoiceId,
      initiatedBy: "client",
      paymentMethodId: null,
      brand: input.brand,
      last4: input.last4,
      amountCents: input.amount,
      saveCardConsentAt: input.saveCard ? now() : null,
    },
    { customerId: customer.providerCustomerId, providerPaymentMethodId, saveCard: input.saveCard },
  );
}

/** Staff charge the profile's default card on file for an invoice (an amount up to the balance due). */
export async function chargeCardOnFile(
  principal: Principal,
  input: { invoiceId: string; amountCents: number },
): Promise<PayOutcome> {
  if (!isUuid(input.invoiceId)) throw new NotFoundError();
  const profileId = await invoiceProfileId(input.invoiceId);
  // Staff scope: clinicians their own clients, admins everyone; outsiders get 404.
  await findProfile(principal, profileId);
  const card = await findDefaultCard(profileId);
  if (!card) throw new ConflictError("This client has no card on file.");
  return payWithCardOnFile(principal, {
    profileId,
    invoiceId: input.invoiceId,
    initiatedBy: "staff",
    card,
    amountCents: input.amountCents,
  });
}

/**
 * A payment with a card already on file, by the client (on session) or by staff (off session, for an amount up to
 * the balance): one intent, earlier open attempts cancelled, then run.
 */
async function payWithCardOnFile(
  principal: Principal,
  o: {
    profileId: string;
    invoiceId: string;
    initiatedBy: "client" | "staff";
    card: PaymentMethod;
    amountCents?: number;
  },
): Promise<PayOutcome> {
  // The card is charged through the provider customer it is attached to (the profile it was saved on), which may
  // be another profile the same user manages.
  const customer = await customerOfCard(o.card);
  return openAndRun(
    principal,
    {
      profileId: o.profileId,
      invoiceId: o.invoiceId,
      initiatedBy: o.initiatedBy,
      paymentMethodId: o.card.id,
      brand: o.card.brand,
      last4: o.card.last4,
      amountCents: o.amountCents,
    },
    {
      customerId: customer.providerCustomerId,
      providerPaymentMethodId: o.card.providerPaymentMethodId,
      offSession: o.initiatedBy === "staff",
    },
  );
}

async function invoiceProfileId(invoiceId: string): Promise<string> {
  const [r] = await db
    .select({ profileId: invoices.profileId })
    .from(invoices)
    .where(eq(invoices.id, invoiceId))
    .limit(1);
  if (!r) throw new NotFoundError();
  return r.profileId;
}

/** The pay page's invoice: one of the active profile's invoices the client may see, else NotFoundError. */
export async function findInvoiceToPay(
  principal: ClientPrincipal,
  profile: ClientProfile,
  invoiceId: string,
): Promise<PayableInvoice> {
  assertClient(principal);
  return findPayableInvoice(profile.id, invoiceId);
}

/** The latest attempt to pay an invoice, for the pay page's status (the webhook may settle it later). */
export async function latestAttempt(
  principal: ClientPrincipal,
  profile: ClientProfile,
  invoiceId: string,
): Promise<Pick<
  PaymentIntentRow,
  "id" | "status" | "failureMessage" | "brand" | "last4" | "amountCents" | "updatedAt" | "billingPaymentId"
> | null> {
  assertClient(principal);
  const profileId = profile.id;
  if (!isUuid(invoiceId)) return null;
  const [r] = await db
    .select({
      id: paymentIntents.id,
      status: paymentIntents.status,
      failureMessage: paymentIntents.failureMessage,
      brand: paymentIntents.brand,
      last4: paymentIntents.last4,
      amountCents: paymentIntents.amountCents,
      updatedAt: paymentIntents.updatedAt,
      billingPaymentId: paymentIntents.billingPaymentId,
    })
    .from(paymentIntents)
    .where(and(eq(paymentIntents.profileId, profileId), eq(paymentIntents.invoiceId, invoiceId)))
    .orderBy(desc(paymentIntents.createdAt))
    .limit(1);
  return r ?? null;
}
