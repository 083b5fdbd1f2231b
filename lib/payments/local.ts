import "server-only";
import Stripe from "stripe";
import { eq } from "drizzle-orm";
import { db } from "@/db";
import { testModeCards } from "@/db/schema";
import { now } from "@/lib/core/clock";
import { randomToken, readOrCreateKeyFile } from "@/lib/core/crypto";
import { NotFoundError } from "@/lib/core/errors";
import { toPaymentEvent } from "./events";
import {
  CardDeclinedError,
  type CardDetails,
  type CreateIntentInput,
  type PaymentProvider,
  type ProviderIntent,
} from "./provider";

/**
 * The local test mode (no Stripe keys): a real implementation that keeps its cards in `test_mode_cards` and
 * behaves like Stripe's test mode for Stripe's documented test cards. The browser never sends a card number
 * (lib/payments/test-cards.ts reduces it to brand and last 4), so what a card does is decided here from its last 4,
 * following https://docs.stripe.com/testing. Results are delivered as Stripe-shaped events signed with a secret
 * generated into DATA_DIR and go through the same verification and handlers as Stripe's webhooks.
 */
type Decline = { message: string; code: string; atSetup: boolean };
const DECLINES: Record<string, Decline> = {
  "0002": { message: "Your card was declined.", code: "card_declined", atSetup: true },
  "9995": { message: "Your card has insufficient funds.", code: "card_declined", atSetup: false },
  "0069": { message: "Your card has expired.", code: "expired_card", atSetup: true },
  "0127": { message: "Your card's security code is incorrect.", code: "incorrect_cvc", atSetup: true },
  "0341": { message: "Your card was declined.", code: "card_declined", atSetup: false },
};

export function localWebhookSecret(): string {
  return readOrCreateKeyFile("payments-test-webhook-secret", () => `whsec_test_${randomToken(24)}`);
}

type SignedEvent = { payload: string; signature: string };
const g = globalThis as unknown as { __havenLocalPaymentEvents?: SignedEvent[] };
const queue = () => (g.__havenLocalPaymentEvents ??= []);

function emit(type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({
    id: `evt_test_${randomToken(12)}`,
    object: "event",
    type,
    created: Math.floor(now().getTime() / 1000),
    livemode: false,
    data: { object },
  });
  queue().push({
    payload,
    signature: Stripe.webhooks.generateTestHeaderString({ payload, secret: localWebhookSecret() }),
  });
}

async function card(paymentMethodId: string) {
  const [row] = await db.select().from(testModeCards).where(eq(testModeCards.id, paymentMethodId)).limit(1);
  if (!row) throw new NotFoundError("That card was not found.");
  return row;
}

export type LocalProvider = PaymentProvider & {
  /** What Stripe.js does with the Payment Element: turns the browser's token into a payment method. */
  createTestCard(input: { token: string } & CardDetails): Promise<{ id: string }>;
  /** Confirms a card for later use (a SetupIntent); declines as Stripe does for the declining test cards. */
  confirmTestCardSetup(input: { customerId: string; paymentMethodId: string }): Promise<void>;
  /** Events produced since the last call, signed; the caller delivers them to the webhook handler. */
  takeEvents(): SignedEvent[];
};

export const localProvider: LocalProvider = {
  mode: "test",

  async createCustomer() {
    return { id: `cus_test_${randomToken(12)}` };
  },

  async createSetupIntent() {
    throw new Error("Test mode adds cards with the local card form, not a SetupIntent.");
  },
  async retrieveSetupIntent() {
    throw new Error("Test mode adds cards with the local card form, not a SetupIntent.");
  },

  async createTestCard({ token, brand, last4, expMonth, expYear }) {
    const id = `pm_test_${token}`;
    await db
      .insert(testModeCards)
      .values({ id, brand, last4, expMonth, expYear, createdAt: now() })
      .onConflictDoNothing();
    return { id };
  },

  async confirmTestCardSetup({ customerId, paymentMethodId }) {
    const c = await card(paymentMethodId);
    const decline = DECLINES[c.last4];
    if (decline?.atSetup) throw new CardDeclinedError(decline.message, null, decline.code);
    await db.update(testModeCards).set({ providerCustomerId: customerId }).where(eq(testModeCards.id, paymentMethodId));
  },

  async retrieveCard(paymentMethodId) {
    const c = await card(paymentMethodId);
    return {
      brand: c.brand,
      last4: c.last4,
      expMonth: c.expMonth,
      expYear: c.expYear,
      customerId: c.providerCustomerId,
    };
  },

  async detachCard(paymentMethodId) {
    await db.update(testModeCards).set({ providerCustomerId: null }).where(eq(testModeCards.id, paymentMethodId));
  },

  async createPaymentIntent(input: CreateIntentInput): Promise<ProviderIntent> {
    if (!input.paymentMethodId) throw new Error("Test mode confirms payments on the server: pass the card.");
    const c = await card(input.paymentMethodId);
    const id = `pi_test_${randomToken(12)}`;
    const object = {
      id,
      object: "payment_intent",
      amount: input.amountCents,
      amount_received: 0,
      currency: input.currency,
      customer: input.customerId,
      payment_method: input.paymentMethodId,
      metadata: input.metadata,
      setup_future_usage: input.saveCard ? "off_session" : null,
      last_payment_error: null as null | { message: string; code: string },
      status: "succeeded",
    };
    const decline = DECLINES[c.last4];
    if (decline) {
      emit("payment_intent.payment_failed", {
        ...object,
        status: "requires_payment_method",
        last_payment_error: { message: decline.message, code: decline.code },
      });
      throw new CardDeclinedError(decline.message, id, decline.code);
    }
    if (input.saveCard)
      await db
        .update(testModeCards)
        .set({ providerCustomerId: input.customerId })
        .where(eq(testModeCards.id, input.paymentMethodId));
    emit("payment_intent.succeeded", { ...object, amount_received: input.amountCents });
    return {
      id,
      status: "processing",
      amountCents: input.amountCents,
      currency: input.currency,
      clientSecret: null,
      paymentMethodId: input.paymentMethodId,
      failureMessage: null,
    };
  },

  async cancelPaymentIntent(id) {
    emit("payment_intent.canceled", {
      id,
      object: "payment_intent",
      amount: 0,
      amount_received: 0,
      currency: "usd",
      metadata: {},
      status: "canceled",
    });
  },

  async verifyWebhook(rawBody, signature) {
    if (!signature) throw new Error("Missing Stripe-Signature header.");
    const event = await Stripe.webhooks.constructEventAsync(rawBody, signature, localWebhookSecret());
    return toPaymentEvent(event);
  },

  takeEvents() {
    const events = queue().splice(0);
    return events;
  },
};
