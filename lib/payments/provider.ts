import "server-only";

/**
 * The payments interface (docs/decisions.md, Code conventions: External services behind interfaces): Stripe when keys are set, otherwise the local test mode. Both keep
 * real data and speak in Stripe's terms (customers, setup intents, payment methods, payment intents, signed
 * webhook events), so every caller and the one webhook handler are the same in both modes.
 */
export type ProviderMode = "stripe" | "test";

export type CardDetails = { brand: string; last4: string; expMonth: number; expYear: number };

export type IntentStatus =
  | "requires_payment_method"
  | "requires_confirmation"
  | "requires_action"
  | "processing"
  | "succeeded"
  | "failed"
  | "canceled";

export type ProviderIntent = {
  id: string;
  status: IntentStatus;
  amountCents: number;
  currency: string;
  clientSecret: string | null;
  paymentMethodId: string | null;
  failureMessage: string | null;
};

export type IntentMetadata = { invoiceId: string; profileId: string; paymentIntentRowId: string };

export type CreateIntentInput = {
  customerId: string;
  amountCents: number;
  currency: string;
  /** Charge this saved card now (card on file). Without it the browser confirms with a new card. */
  paymentMethodId?: string;
  /** Staff charging the card on file while the client is not present. */
  offSession?: boolean;
  /** Keep the new card for later payments (the client agreed to the consent text). */
  saveCard?: boolean;
  metadata: IntentMetadata;
  idempotencyKey: string;
};

/** A card the issuer refused: its message is shown to the person paying (Stripe's wording). */
export class CardDeclinedError extends Error {
  readonly expected = true;
  readonly status = 402;
  constructor(
    message: string,
    readonly intentId: string | null,
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = "CardDeclinedError";
  }
}

/** A webhook event after its signature was verified, reduced to what our handlers use. */
export type IntentEventType =
  | "payment_intent.succeeded"
  | "payment_intent.payment_failed"
  | "payment_intent.processing"
  | "payment_intent.canceled";
export type PaymentEvent =
  | { [K in IntentEventType]: { id: string; type: K; intent: EventIntent } }[IntentEventType]
  | {
      id: string;
      type: "setup_intent.succeeded";
      setupIntent: {
        id: string;
        customerId: string | null;
        paymentMethodId: string | null;
        metadata: Record<string, string>;
      };
    }
  | { id: string; type: "other"; rawType: string };

export type EventIntent = {
  id: string;
  amountCents: number;
  amountReceivedCents: number;
  currency: string;
  customerId: string | null;
  paymentMethodId: string | null;
  failureMessage: string | null;
  metadata: Record<string, string>;
  saveCard: boolean;
};

export type PaymentProvider = {
  mode: ProviderMode;
  createCustomer(input: { profileId: string; idempotencyKey: string }): Promise<{ id: string }>;
  /** Stripe: a SetupIntent the Payment Element confirms in the browser. */
  createSetupIntent(input: {
    customerId: string;
    metadata: Record<string, string>;
  }): Promise<{ id: string; clientSecret: string }>;
  retrieveSetupIntent(id: string): Promise<{
    id: string;
    status: string;
    customerId: string | null;
    paymentMethodId: string | null;
    metadata: Record<string, string>;
  }>;
  retrieveCard(paymentMethodId: string): Promise<CardDetails & { customerId: string | null }>;
  detachCard(paymentMethodId: string): Promise<void>;
  /** Throws CardDeclinedError when a saved card is charged and declined. */
  createPaymentIntent(input: CreateIntentInput): Promise<ProviderIntent>;
  cancelPaymentIntent(id: string): Promise<void>;
  /** Verifies the raw body against the signature header; throws on any mismatch. */
  verifyWebhook(rawBody: string, signature: string | null): Promise<PaymentEvent>;
};
