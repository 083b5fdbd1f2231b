import "server-only";
import type Stripe from "stripe";
import type { PaymentEvent } from "./provider";

/**
 * Stripe's event JSON → our PaymentEvent. Both providers send Stripe-shaped, Stripe-signed events (the local test
 * mode signs with its own generated secret), so this is the one parser.
 */
export function toPaymentEvent(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case "payment_intent.succeeded":
    case "payment_intent.payment_failed":
    case "payment_intent.processing":
    case "payment_intent.canceled": {
      const pi = event.data.object as Stripe.PaymentIntent;
      return {
        id: event.id,
        type: event.type,
        intent: {
          id: pi.id,
          amountCents: pi.amount,
          amountReceivedCents: pi.amount_received ?? 0,
          currency: pi.currency,
          customerId: idOf(pi.customer),
          paymentMethodId: idOf(pi.payment_method),
          failureMessage: pi.last_payment_error?.message ?? null,
          metadata: (pi.metadata ?? {}) as Record<string, string>,
          saveCard: pi.setup_future_usage === "off_session" || pi.setup_future_usage === "on_session",
        },
      };
    }
    case "setup_intent.succeeded": {
      const si = event.data.object as Stripe.SetupIntent;
      return {
        id: event.id,
        type: event.type,
        setupIntent: {
          id: si.id,
          customerId: idOf(si.customer),
          paymentMethodId: idOf(si.payment_method),
          metadata: (si.metadata ?? {}) as Record<string, string>,
        },
      };
    }
    default:
      return { id: event.id, type: "other", rawType: event.type };
  }
}

function idOf(v: string | { id: string } | null | undefined): string | null {
  if (!v) return null;
  return typeof v === "string" ? v : v.id;
}
