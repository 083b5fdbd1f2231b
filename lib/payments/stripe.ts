import "server-only";
import Stripe from "stripe";
import { env } from "@/lib/core/env";
import { toPaymentEvent } from "./events";
import { CardDeclinedError, type IntentStatus, type PaymentProvider, type ProviderIntent } from "./provider";

// Keyed on the settings it was made from, so a changed configuration gets a new client without a reset hook.
let client: { settings: string; stripe: Stripe } | undefined;

/**
 * The Stripe client, created on first use (docs/decisions.md, Platform notes: Service clients created lazily).
 * STRIPE_API_BASE points the SDK at another host (the tests' fake Stripe server).
 */
export function stripeClient(): Stripe {
  const key = env().STRIPE_SECRET_KEY;
  if (!key) throw new Error("STRIPE_SECRET_KEY is not set.");
  const base = env().STRIPE_API_BASE;
  const settings = `${key}\u0001${base ?? ""}`;
  if (client?.settings === settings) return client.stripe;
  const override = base ? new URL(base) : undefined;
  const stripe = new Stripe(key, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(override
      ? {
          host: override.hostname,
          port: override.port || (override.protocol === "http:" ? 80 : 443),
          protocol: override.protocol === "http:" ? "http" : "https",
        }
      : {}),
  });
  client = { settings, stripe };
  return stripe;
}

function mapStatus(s: Stripe.PaymentIntent.Status): IntentStatus {
  if (s === "requires_capture") return "processing";
  return s as IntentStatus;
}

function toIntent(pi: Stripe.PaymentIntent): ProviderIntent {
  return {
    id: pi.id,
    status: mapStatus(pi.status),
    amountCents: pi.amount,
    currency: pi.currency,
    clientSecret: pi.client_secret ?? null,
    paymentMethodId: typeof pi.payment_method === "string" ? pi.payment_method : (pi.payment_method?.id ?? null),
    failureMessage: pi.last_payment_error?.message ?? null,
  };
}

export const stripeProvider: PaymentProvider = {
  mode: "stripe",

  async createCustomer({ profileId, idempotencyKey }) {
    // No name or email: the profile id is enough to reconcile, and keeps PHI out of Stripe.
    const c = await stripeClient().customers.create({ metadata: { profileId } }, { idempotencyKey });
    return { id: c.id };
  },

  async createSetupIntent({ customerId, metadata }) {
    const si = await stripeClient().setupIntents.create({
      customer: customerId,
      usage: "off_session",
      allowed_payment_method_types: ["card"],
      metadata,
    });
    return { id: si.id, clientSecret: si.client_secret! };
  },

  async retrieveSetupIntent(id) {
    const si = await stripeClient().setupIntents.retrieve(id);
    return {
      id: si.id,
      status: si.status,
      customerId: typeof si.customer === "string" ? si.customer : (si.customer?.id ?? null),
      paymentMethodId: typeof si.payment_method === "string" ? si.payment_method : (si.payment_method?.id ?? null),
      metadata: (si.metadata ?? {}) as Record<string, string>,
    };
  },

  async retrieveCard(paymentMethodId) {
    const pm = await stripeClient().paymentMethods.retrieve(paymentMethodId);
    if (!pm.card) throw new Error("That payment method is not a card.");
    return {
      brand: pm.card.brand,
      last4: pm.card.last4,
      expMonth: pm.card.exp_month,
      expYear: pm.card.exp_year,
      customerId: typeof pm.customer === "string" ? pm.customer : (pm.customer?.id ?? null),
    };
  },

  async detachCard(paymentMethodId) {
    await stripeClient().paymentMethods.detach(paymentMethodId);
  },

  async createPaymentIntent(input) {
    const params: Stripe.PaymentIntentCreateParams = {
      amount: input.amountCents,
      currency: input.currency,
      customer: input.customerId,
      allowed_payment_method_types: ["card"],
      metadata: input.metadata,
    };
    if (input.paymentMethodId) {
      params.payment_method = input.paymentMethodId;
      params.confirm = true;
      if (input.offSession) params.off_session = true;
    } else if (input.saveCard) {
      params.setup_future_usage = "off_session";
    }
    try {
      return toIntent(await stripeClient().paymentIntents.create(params, { idempotencyKey: input.idempotencyKey }));
    } catch (e) {
      if (e instanceof Stripe.errors.StripeCardError) {
        const raw = e.raw as { payment_intent?: { id?: string } } | undefined;
        throw new CardDeclinedError(
          e.message || "Your card was declined.",
          raw?.payment_intent?.id ?? null,
          e.code ?? null,
        );
      }
      throw e;
    }
  },

  async cancelPaymentIntent(id) {
    await stripeClient().paymentIntents.cancel(id);
  },

  async verifyWebhook(rawBody, signature) {
    const secret = env().STRIPE_WEBHOOK_SECRET;
    if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set: webhooks cannot be verified.");
    if (!signature) throw new Error("Missing Stripe-Signature header.");
    const event = await Stripe.webhooks.constructEventAsync(rawBody, signature, secret);
    return toPaymentEvent(event);
  },
};
